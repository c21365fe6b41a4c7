import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, describeError } from '../api/client';
import { useLiveFrames, type AdapterStatus } from '../api/live';
import { toast } from '../ui/toast';
import { DisconnectControl } from './disconnect-control';
import { SaveBar } from './save-bar';
import { adapterKinds, dialectOptions, kindFields, kindLabels, newEntry, type AdapterKind, type FieldSpec } from './adapter-fields';

/** The config being edited: whatever the user typed, checked by the server as they type. */
type Config = { network: Record<string, Record<string, unknown>[]>; [key: string]: unknown };

interface Loaded {
  exists: boolean;
  config: Config;
  adapters: AdapterStatus[];
  error?: string;
}

/**
 * NapCat's network config of one account, as a form (or raw JSON). Every edit is checked by the
 * server as you type; Save writes onebot11_<uin>.json and applies it at once: unchanged adapters
 * keep their clients, changed ones restart, removed ones stop.
 */
export function AdapterEditor(props: { selfId: number }) {
  const [saved, setSaved] = useState<Loaded | undefined>();
  const [draft, setDraft] = useState<Config | undefined>();
  const [status, setStatus] = useState<AdapterStatus[]>([]);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [problem, setProblem] = useState('');
  const [saving, setSaving] = useState(false);
  const validateTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const { selfId } = props;
  const load = useCallback(async () => {
    const data = await api('GET /api/bots/:user_id/onebot', { params: { user_id: selfId } });
    setSaved(data);
    setDraft(structuredClone(data.config));
    setJsonText(JSON.stringify(data.config, null, 2));
    setStatus(data.adapters);
    setProblem(data.error ?? '');
  }, [selfId]);

  useEffect(() => {
    setSaved(undefined);
    load().catch((error: unknown) => setProblem(describeError(error)));
  }, [load]);

  useLiveFrames((frame) => {
    if (frame.type === 'adapters' && frame.self_id === props.selfId) setStatus(frame.adapters);
  });

  const validate = (config: Config) => {
    clearTimeout(validateTimer.current);
    validateTimer.current = setTimeout(() => {
      api('POST /api/bots/:user_id/onebot/validate', { params: { user_id: props.selfId }, body: config }).then(
        () => setProblem(''),
        (error: unknown) => setProblem(describeError(error)),
      );
    }, 250);
  };

  const change = (next: Config) => {
    setDraft(next);
    setJsonText(JSON.stringify(next, null, 2));
    validate(next);
  };

  const changeJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed = JSON.parse(text) as Config;
      setDraft(parsed);
      validate(parsed);
    } catch (error) {
      setProblem(`JSON: ${(error as Error).message}`);
    }
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const result = await api('PUT /api/bots/:user_id/onebot', { params: { user_id: props.selfId }, body: draft });
      setStatus(result.adapters);
      setSaved({ exists: true, config: result.config, adapters: result.adapters });
      setDraft(structuredClone(result.config));
      setJsonText(JSON.stringify(result.config, null, 2));
      setProblem('');
      toast('已保存并生效 Saved and applied');
    } catch (error) {
      setProblem(describeError(error));
      if (error instanceof ApiError && error.code === 'ADAPTER_FAILED') void load().catch(() => undefined);
    } finally {
      setSaving(false);
    }
  };

  if (!draft || !saved) return <section className="card">{problem ? <div className="form-error">{problem}</div> : 'Loading…'}</section>;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.config);
  const network = draft.network ?? {};
  const usedPorts = adapterKinds.flatMap((kind) => (network[kind] ?? []).map((entry) => Number(entry.port) || 0));

  const setEntry = (kind: AdapterKind, index: number, entry: Record<string, unknown> | undefined) => {
    const list = [...(network[kind] ?? [])];
    if (entry) list[index] = entry;
    else list.splice(index, 1);
    change({ ...draft, network: { ...network, [kind]: list } });
  };

  const statusOf = (kind: string, name: unknown) => status.find((entry) => entry.kind === kind && entry.name === name);
  // Milky's server and WebHooks are listed by their own editor.
  const orphaned = status.filter(
    (entry) => !entry.kind.startsWith('milky') && !(network[entry.kind] ?? []).some((config) => config.name === entry.name),
  );

  return (
    <section className="card" data-testid="adapter-editor">
      <div className="card-head">
        <h3>网络配置 Network adapters {saved.exists ? '' : <span className="chip">no config file yet</span>}</h3>
        <div className="form-row">
          <button className={mode === 'form' ? 'primary' : 'secondary'} onClick={() => setMode('form')}>
            表单 Form
          </button>
          <button className={mode === 'json' ? 'primary' : 'secondary'} onClick={() => setMode('json')} data-testid="config-json-mode">
            JSON
          </button>
        </div>
      </div>
      {mode === 'json' ? (
        <textarea
          className="code-input"
          aria-label="网络配置 JSON Network config JSON"
          value={jsonText}
          onChange={(event) => changeJson(event.target.value)}
          spellCheck={false}
          data-testid="config-json"
        />
      ) : (
        adapterKinds.map((kind) => (
          <div key={kind} data-testid={`kind-${kind}`}>
            <div className="card-head">
              <strong>{kindLabels[kind]}</strong>
              <button
                className="link-button"
                onClick={() =>
                  change({
                    ...draft,
                    network: { ...network, [kind]: [...(network[kind] ?? []), newEntry(kind, network[kind] ?? [], usedPorts)] },
                  })
                }
                data-testid={`add-${kind}`}
              >
                + 添加 Add
              </button>
            </div>
            {(network[kind] ?? []).map((entry, index) => {
              const live = statusOf(kind, entry.name);
              return (
                <div key={index} className="adapter-entry" data-testid={`adapter-${kind}-${index}`}>
                  <div className="form-row">
                    {kindFields[kind].map((field) => (
                      <FieldInput
                        key={field.key}
                        field={field}
                        value={entry[field.key]}
                        onChange={(value) => setEntry(kind, index, { ...entry, [field.key]: value })}
                      />
                    ))}
                    <button className="link-button danger" onClick={() => setEntry(kind, index, undefined)} title="删除 Remove">
                      删除
                    </button>
                  </div>
                  <div className="adapter-status small" data-testid="adapter-status">
                    {live ? (
                      <>
                        <span className={`state state-${live.state}`}>{live.state}</span> · {live.endpoint}
                        {live.kind !== 'httpServers' || entry.enableWebsocket
                          ? ` · ${live.clients} client${live.clients === 1 ? '' : 's'}`
                          : ''}
                        {live.error ? <span className="form-error"> · {live.error}</span> : null}
                        {live.state !== 'stopped' && <DisconnectControl selfId={props.selfId} adapter={live.name} />}
                        {(live.connections ?? []).map((connection) => (
                          <span
                            key={`${connection.remote}${connection.since}`}
                            className="chip connection"
                            data-testid="adapter-connection"
                          >
                            {connection.remote}
                            {connection.role ? ` · ${connection.role}` : ''} · since {new Date(connection.since).toLocaleTimeString()}
                          </span>
                        ))}
                      </>
                    ) : (
                      <span className="state">{entry.enable ? 'not running' : 'disabled'}</span>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        ))
      )}
      {orphaned.length > 0 && (
        <div className="muted small">
          Running but not in the form (stop on save):{' '}
          {orphaned.map((entry) => (
            <span key={entry.kind + entry.name} className="chip">
              {entry.kind} {entry.name} · {entry.state}
            </span>
          ))}
        </div>
      )}
      <SaveBar
        dirty={dirty}
        saving={saving}
        problem={problem}
        onSave={() => void save()}
        onRevert={() => change(structuredClone(saved.config))}
        testIds={{ save: 'save-config', problem: 'config-problem' }}
      />
    </section>
  );
}

/** One field of an entry, of any kind. */
export function FieldInput(props: { field: Omit<FieldSpec, 'key'> & { key: string }; value: unknown; onChange: (value: unknown) => void }) {
  const { field, value } = props;
  const testId = `field-${field.key}`;
  if (field.type === 'bool') {
    return (
      <label className="field field-inline">
        <input type="checkbox" checked={Boolean(value)} onChange={(event) => props.onChange(event.target.checked)} data-testid={testId} />
        {field.label}
      </label>
    );
  }
  if (field.type === 'format') {
    return (
      <label className="field">
        {field.label}
        <select value={String(value ?? 'array')} onChange={(event) => props.onChange(event.target.value)} data-testid={testId}>
          <option value="array">array</option>
          <option value="string">string</option>
        </select>
      </label>
    );
  }
  if (field.type === 'dialect') {
    return (
      <label className="field" title="Whose behaviour to follow where NapCat, LLBot and go-cqhttp differ (docs/dialects.md)">
        {field.label}
        <select value={String(value ?? 'napcat')} onChange={(event) => props.onChange(event.target.value)} data-testid={testId}>
          {dialectOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const numeric = field.type === 'port' || field.type === 'number';
  return (
    <label className="field">
      {field.label}
      <input
        type={field.type === 'secret' ? 'password' : 'text'}
        inputMode={numeric ? 'numeric' : undefined}
        style={{ width: numeric ? 90 : field.key === 'url' ? 260 : 130 }}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(event) => {
          const text = event.target.value;
          // Numbers go out as numbers; anything else is sent as typed so the server can name the problem.
          props.onChange(numeric && /^-?\d+$/.test(text) ? Number(text) : text);
        }}
        data-testid={testId}
      />
    </label>
  );
}
