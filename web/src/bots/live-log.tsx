import { useState } from 'react';
import { Icon } from '../ui/icons';
import { JsonView } from '../ui/json-view';
import { logStore, useLog, type LogEntry } from './log-store';

const clock = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour12: false }) + `.${String(ms % 1000).padStart(3, '0')}`;

function summary(entry: LogEntry): string {
  if (entry.kind === 'fault') {
    const { fault } = entry;
    return `rule ${fault.rule_id} · ${fault.effect}${fault.retcode === undefined ? '' : ` ${fault.retcode}`} → ${fault.action ?? `event ${fault.event}`} ← ${fault.transport}`;
  }
  if (entry.kind === 'call') {
    const { call } = entry;
    // The account's health failed it (a rule's hit has a row of its own).
    if (call.fault && call.fault.rule_id === null)
      return `health · ${call.fault.reason} · ${call.envelope.status}${call.envelope.retcode ? ` ${call.envelope.retcode}` : ''} → ${call.action} ← ${call.transport}`;
    return `${call.action} ← ${call.transport}${call.adapter ? `:${call.adapter}` : ''} · ${call.envelope.status}${call.envelope.retcode ? ` ${call.envelope.retcode}` : ''} · ${call.duration_ms} ms${call.envelope.message ? ` · ${call.envelope.message}` : ''}`;
  }
  const event = entry.event;
  const subType = 'sub_type' in event ? event.sub_type : '';
  let type: string;
  let text = '';
  switch (event.post_type) {
    case 'message':
    case 'message_sent':
      type = `${event.post_type}.${event.message_type}.${event.sub_type}`;
      text = ` · ${event.raw_message.slice(0, 80)}`;
      break;
    case 'notice':
      type = ['notice', event.notice_type, subType].filter(Boolean).join('.');
      break;
    case 'request':
      type = ['request', event.request_type, subType].filter(Boolean).join('.');
      break;
    case 'meta_event':
      type = ['meta_event', event.meta_event_type, subType].filter(Boolean).join('.');
      break;
  }
  const group = 'group_id' in event && event.group_id ? ` · group ${event.group_id}` : '';
  const user = 'user_id' in event && event.user_id ? ` · user ${event.user_id}` : '';
  return `${type}${group}${user}${text}`;
}

/**
 * Every API call the account made (any transport), every OneBot event it received, with payloads,
 * and every fault rule that hit it (in their own colour, just before the call they hit).
 */
export function LiveLog(props: { selfId: number }) {
  const entries = useLog(props.selfId);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [kinds, setKinds] = useState({ call: true, event: true, fault: true });
  const [frozen, setFrozen] = useState<LogEntry[] | undefined>();
  const shown = (frozen ?? entries)
    .filter((entry) => kinds[entry.kind])
    .filter((entry) => !filter || summary(entry).toLowerCase().includes(filter.toLowerCase()))
    .slice()
    .reverse();

  return (
    <section className="card" data-testid="live-log">
      <div className="card-head">
        <h3>实时日志 Live log</h3>
        <div className="form-row">
          <input
            aria-label="过滤日志 Filter the log"
            placeholder="过滤 Filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <label className="field field-inline">
            <input type="checkbox" checked={kinds.call} onChange={(event) => setKinds({ ...kinds, call: event.target.checked })} /> API 调用
          </label>
          <label className="field field-inline">
            <input type="checkbox" checked={kinds.event} onChange={(event) => setKinds({ ...kinds, event: event.target.checked })} /> 事件
            Events
          </label>
          <label className="field field-inline">
            <input type="checkbox" checked={kinds.fault} onChange={(event) => setKinds({ ...kinds, fault: event.target.checked })} /> 故障
            Faults
          </label>
          <button className="secondary" onClick={() => setFrozen(frozen ? undefined : entries)}>
            {frozen ? (
              <>
                <Icon name="play" inline /> 继续
              </>
            ) : (
              <>
                <Icon name="pause" inline /> 暂停
              </>
            )}
          </button>
          <button className="secondary" onClick={() => logStore.clear(props.selfId)}>
            清空 Clear
          </button>
        </div>
      </div>
      <div className="log">
        {shown.length === 0 && (
          <div className="muted pad">
            Nothing yet. Calls from any transport, events this account receives and faults that hit it appear here live.
          </div>
        )}
        {shown.map((entry) => {
          const failed = entry.kind === 'call' && entry.call.envelope.status === 'failed';
          // A call the account's health failed reads as a fault, in the faults' colour.
          const health = entry.kind === 'call' && entry.call.fault?.rule_id === null;
          const look = health ? 'fault' : entry.kind;
          return (
            <div key={entry.id} className={`log-row log-row-${look}`} data-testid={health ? 'log-health' : `log-${entry.kind}`}>
              <div
                className="log-line"
                onClick={() => setOpen((set) => new Set(set.has(entry.id) ? [...set].filter((id) => id !== entry.id) : [...set, entry.id]))}
              >
                <span className="log-time">{clock(entry.time)}</span>
                <span className={`log-kind log-kind-${look}`}>{look.toUpperCase()}</span>
                <span className={failed ? 'log-failed' : ''}>{summary(entry)}</span>
              </div>
              {open.has(entry.id) &&
                (entry.kind === 'fault' ? (
                  <div className="log-detail" style={{ gridTemplateColumns: '1fr' }}>
                    <JsonView value={entry.fault} maxHeight={300} />
                  </div>
                ) : entry.kind === 'call' ? (
                  <div className="log-detail">
                    <div>
                      <div className="muted small">params</div>
                      <JsonView value={entry.call.params} maxHeight={300} />
                    </div>
                    <div>
                      <div className="muted small">reply</div>
                      <JsonView value={entry.call.envelope} maxHeight={300} />
                    </div>
                  </div>
                ) : (
                  <div className="log-detail" style={{ gridTemplateColumns: '1fr' }}>
                    <JsonView value={entry.event} maxHeight={300} />
                  </div>
                ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}
