import type { MilkyConfig } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, describeError } from '../api/client';
import { useLiveFrames, type AdapterStatus } from '../api/live';
import { toast } from '../ui/toast';
import { SaveBar } from './save-bar';
import { FieldInput } from './adapter-editor';

interface Loaded {
  exists: boolean;
  config: MilkyConfig;
  adapters: AdapterStatus[];
  error?: string;
}

const isMilky = (adapter: AdapterStatus) => adapter.kind.startsWith('milky');

/**
 * The account's Milky server (API, WebSocket and SSE events) and WebHooks, in LLBot's shape. Like
 * the OneBot editor, every edit is checked by the server as you type, and Save writes
 * milky_<uin>.json and applies it at once (the server keeps its clients when only WebHooks change).
 */
export function MilkyEditor(props: { selfId: number }) {
  const [saved, setSaved] = useState<Loaded | undefined>();
  const [draft, setDraft] = useState<MilkyConfig | undefined>();
  const [status, setStatus] = useState<AdapterStatus[]>([]);
  const [problem, setProblem] = useState('');
  const [saving, setSaving] = useState(false);
  // The WebHook box keeps what was typed (a new empty line included); the config gets the URLs in it.
  const [urlsText, setUrlsText] = useState('');
  const validateTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const { selfId } = props;
  const load = useCallback(async () => {
    const data = await api('GET /api/bots/:user_id/milky', { params: { user_id: selfId } });
    setSaved(data);
    setDraft(structuredClone(data.config));
    setUrlsText(data.config.webhook.urls.join('\n'));
    setStatus(data.adapters);
    setProblem(data.error ?? '');
  }, [selfId]);
  useEffect(() => {
    setSaved(undefined);
    load().catch((error: unknown) => setProblem(describeError(error)));
  }, [load]);
  useLiveFrames((frame) => {
    if (frame.type === 'adapters' && frame.self_id === props.selfId) setStatus(frame.adapters.filter(isMilky));
  });

  const change = (next: MilkyConfig) => {
    setDraft(next);
    clearTimeout(validateTimer.current);
    validateTimer.current = setTimeout(() => {
      api('POST /api/bots/:user_id/milky/validate', { params: { user_id: props.selfId }, body: next }).then(
        () => setProblem(''),
        (error: unknown) => setProblem(describeError(error)),
      );
    }, 250);
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const result = await api('PUT /api/bots/:user_id/milky', { params: { user_id: props.selfId }, body: draft });
      setStatus(result.adapters);
      setSaved({ exists: true, config: result.config, adapters: result.adapters });
      setDraft(structuredClone(result.config));
      setUrlsText(result.config.webhook.urls.join('\n'));
      setProblem('');
      toast('Milky 已保存并生效 Saved and applied');
    } catch (error) {
      setProblem(describeError(error));
      if (error instanceof ApiError && error.code === 'ADAPTER_FAILED') void load().catch(() => undefined);
    } finally {
      setSaving(false);
    }
  };

  if (!draft || !saved) return <section className="card">{problem ? <div className="form-error">{problem}</div> : 'Loading…'}</section>;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.config);
  const http = (key: keyof MilkyConfig['http']) => (value: unknown) => change({ ...draft, http: { ...draft.http, [key]: value } });
  const server = status.find((entry) => entry.kind === 'milky');
  return (
    <section className="card" data-testid="milky-editor">
      <div className="card-head">
        <h3>Milky {saved.exists ? '' : <span className="chip">no milky_{props.selfId}.json yet</span>}</h3>
      </div>
      <div className="form-row">
        <FieldInput
          field={{ key: 'enable', label: '启用', type: 'bool' }}
          value={draft.enable}
          onChange={(value) => change({ ...draft, enable: Boolean(value) })}
        />
        <FieldInput field={{ key: 'host', label: 'host', type: 'text' }} value={draft.http.host} onChange={http('host')} />
        <FieldInput field={{ key: 'port', label: 'port', type: 'port' }} value={draft.http.port} onChange={http('port')} />
        <FieldInput field={{ key: 'prefix', label: 'prefix', type: 'text' }} value={draft.http.prefix} onChange={http('prefix')} />
        <FieldInput
          field={{ key: 'accessToken', label: 'accessToken', type: 'secret' }}
          value={draft.http.accessToken}
          onChange={http('accessToken')}
        />
        <FieldInput
          field={{ key: 'reportSelfMessage', label: 'reportSelfMessage', type: 'bool' }}
          value={draft.reportSelfMessage}
          onChange={(value) => change({ ...draft, reportSelfMessage: Boolean(value) })}
        />
      </div>
      <div className="form-row">
        <label className="field">
          WebHook URLs (one per line)
          <textarea
            rows={2}
            style={{ width: 420, fontFamily: 'monospace' }}
            value={urlsText}
            onChange={(event) => {
              setUrlsText(event.target.value);
              const urls = event.target.value
                .split('\n')
                .map((line) => line.trim())
                .filter((line) => line !== '');
              change({ ...draft, webhook: { ...draft.webhook, urls } });
            }}
            data-testid="field-webhook-urls"
          />
        </label>
        <FieldInput
          field={{ key: 'webhookAccessToken', label: 'WebHook accessToken', type: 'secret' }}
          value={draft.webhook.accessToken}
          onChange={(value) => change({ ...draft, webhook: { ...draft.webhook, accessToken: String(value) } })}
        />
      </div>
      <div className="adapter-status small" data-testid="milky-status">
        {server ? (
          <>
            <span className={`state state-${server.state}`}>{server.state}</span> · {server.endpoint} · {server.clients} event client
            {server.clients === 1 ? '' : 's'}
            {server.error ? <span className="form-error"> · {server.error}</span> : null}
          </>
        ) : (
          <span className="state">{draft.enable && saved.exists ? 'not running' : 'disabled'}</span>
        )}
        {status
          .filter((entry) => entry.kind !== 'milky')
          .map((entry) => (
            <span key={entry.name} className="chip connection">
              WebHook {entry.endpoint} · {entry.state}
              {entry.error ? ` · ${entry.error}` : ''}
            </span>
          ))}
      </div>
      <SaveBar
        dirty={dirty}
        saving={saving}
        problem={problem}
        onSave={() => void save()}
        onRevert={() => {
          setUrlsText(saved.config.webhook.urls.join('\n'));
          change(structuredClone(saved.config));
        }}
        testIds={{ save: 'save-milky', problem: 'milky-problem' }}
      />
    </section>
  );
}
