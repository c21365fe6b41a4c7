import { useEffect, useMemo, useState } from 'react';
import { actRaw, describeError, type Envelope } from '../api/client';
import { useLoad, useWorld } from '../api/world-data';
import { useActingAs } from '../session';
import { JsonView } from '../ui/json-view';
import { buildParams, SchemaForm, valuesFrom, type JsonSchema } from './schema-form';

interface ActionDoc {
  name: string;
  summary: string;
  origin: string;
  aliases: string[];
  schema: JsonSchema;
}

interface OpenApi {
  paths: Record<
    string,
    {
      post?: {
        operationId?: string;
        summary?: string;
        tags?: string[];
        'x-aliases'?: string[];
        requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
      };
    }
  >;
}

/** Every OneBot action from /openapi.json, a form from its params schema, run as any account. */
export function PlaygroundPage() {
  const world = useWorld();
  const actingAs = useActingAs();
  const doc = useLoad(() => fetch('/openapi.json').then((response) => response.json() as Promise<OpenApi>), []);
  const actions = useMemo<ActionDoc[]>(() => {
    const list: ActionDoc[] = [];
    for (const operation of Object.values(doc.data?.paths ?? {})) {
      const post = operation.post;
      const tag = post?.tags?.find((entry) => entry.startsWith('onebot: '));
      if (!post?.operationId || !tag) continue;
      list.push({
        name: post.operationId,
        summary: post.summary ?? '',
        origin: tag.slice('onebot: '.length),
        aliases: post['x-aliases'] ?? [],
        schema: post.requestBody?.content?.['application/json']?.schema ?? {},
      });
    }
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }, [doc.data]);

  const [filter, setFilter] = useState('');
  const [name, setName] = useState('get_login_info');
  const [values, setValues] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('{}');
  const [account, setAccount] = useState<number>(0);
  const [result, setResult] = useState<{ envelope?: Envelope; error?: string; ms: number } | undefined>();
  const [running, setRunning] = useState(false);
  const action = actions.find((entry) => entry.name === name);
  const runAs = account || actingAs;

  useEffect(() => {
    setValues({});
    setJsonText('{}');
    setResult(undefined);
  }, [name]);

  const params = (): Record<string, unknown> => {
    if (mode === 'json') return JSON.parse(jsonText || '{}') as Record<string, unknown>;
    return buildParams(action?.schema ?? {}, values);
  };

  const switchMode = (next: 'form' | 'json') => {
    try {
      if (next === 'json') setJsonText(JSON.stringify(buildParams(action?.schema ?? {}, values), null, 2));
      else setValues(valuesFrom(action?.schema ?? {}, JSON.parse(jsonText || '{}') as Record<string, unknown>));
      setMode(next);
    } catch (error) {
      setResult({ error: describeError(error), ms: 0 });
    }
  };

  const run = async () => {
    setRunning(true);
    const started = performance.now();
    try {
      const envelope = await actRaw(runAs, name, params());
      setResult({ envelope, ms: Math.round(performance.now() - started) });
    } catch (error) {
      setResult({ error: describeError(error), ms: Math.round(performance.now() - started) });
    } finally {
      setRunning(false);
    }
  };

  const shown = actions.filter(
    (entry) => !filter || `${entry.name} ${entry.aliases.join(' ')} ${entry.summary}`.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <div className="playground" data-testid="playground">
      <aside className="action-list">
        <input
          aria-label="搜索 action Search actions"
          placeholder={`搜索 ${actions.length} 个 action`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="action-filter"
        />
        <div className="action-items">
          {doc.error && <div className="form-error pad">{doc.error}</div>}
          {shown.map((entry) => (
            <div
              key={entry.name}
              className={`action-item${entry.name === name ? ' active' : ''}`}
              onClick={() => setName(entry.name)}
              data-testid={`action-${entry.name}`}
            >
              {entry.name}
              <span className="muted">{entry.summary}</span>
            </div>
          ))}
        </div>
      </aside>
      <div className="manage-page">
        <section className="card">
          <div className="card-head">
            <h3>
              <code>{name}</code> {action && <span className="chip">{action.origin}</span>}
            </h3>
            <div className="form-row">
              <label className="field field-inline">
                以…身份 Run as
                <select value={runAs} onChange={(event) => setAccount(Number(event.target.value))} data-testid="run-as">
                  {world.accounts.map((entry) => (
                    <option key={entry.user_id} value={entry.user_id}>
                      {entry.nickname} ({entry.user_id}){entry.bot ? ' · bot' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <button className={mode === 'form' ? 'primary' : 'secondary'} onClick={() => switchMode('form')}>
                表单
              </button>
              <button
                className={mode === 'json' ? 'primary' : 'secondary'}
                onClick={() => switchMode('json')}
                data-testid="params-json-mode"
              >
                JSON
              </button>
            </div>
          </div>
          {action?.summary && (
            <div className="muted">
              {action.summary}
              {action.aliases.length ? ` · aliases: ${action.aliases.join(', ')}` : ''}
            </div>
          )}
          {mode === 'form' ? (
            <SchemaForm schema={action?.schema ?? {}} values={values} onChange={setValues} />
          ) : (
            <textarea
              className="code-input"
              aria-label="参数 JSON Params JSON"
              value={jsonText}
              onChange={(event) => setJsonText(event.target.value)}
              spellCheck={false}
              data-testid="params-json"
            />
          )}
          <div className="form-row">
            <button className="primary" disabled={running} onClick={() => void run()} data-testid="run-action">
              {running ? '运行中…' : '运行 Run'}
            </button>
            <span className="muted small">
              POST /api/world/act/{runAs}/{name}
            </span>
          </div>
        </section>
        {result && (
          <section className="card" data-testid="action-result">
            <div className="card-head">
              <h3>
                {result.envelope ? (
                  <span className={result.envelope.status === 'failed' ? 'log-failed' : 'form-ok'}>
                    {result.envelope.status} · retcode {result.envelope.retcode}
                  </span>
                ) : (
                  <span className="log-failed">error</span>
                )}
              </h3>
              <span className="muted small">{result.ms} ms</span>
            </div>
            {result.error ? (
              <div className="form-error">{result.error}</div>
            ) : (
              <JsonView value={result.envelope} testId="action-envelope" />
            )}
          </section>
        )}
      </div>
    </div>
  );
}
