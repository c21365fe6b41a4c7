import { useEffect, useRef } from 'react';
import type { FaultRuleView } from '@contract';
import { api } from '../api/client';
import { useLiveFrames } from '../api/live';
import { useLoad } from '../api/world-data';
import { attempt } from '../ui/attempt';
import { FaultForm } from './fault-form';

function effectText(rule: FaultRuleView): string {
  const { effect } = rule;
  switch (effect.type) {
    case 'fail': {
      const parts = [
        effect.preset,
        effect.retcode,
        effect.message && `“${effect.message}”`,
        effect.delay_ms && `after ${effect.delay_ms} ms`,
      ];
      return `fail ${parts.filter(Boolean).join(' ')}${effect.happened ? ' (happened)' : ''}`;
    }
    case 'delay':
      return `delay ${effect.delay_ms} ms`;
    default:
      return `${effect.type}${effect.happened ? ' (happened)' : ''}`;
  }
}

/**
 * The world's fault rules (all accounts'), with how often each fired and how many calls each will
 * still hit; add one, remove one, or remove them all. Rules fire on any transport's calls, and the
 * live log below shows each hit.
 */
export function FaultsCard(props: { selfId: number }) {
  const rules = useLoad(() => api('GET /api/faults'), []);
  // Rules change elsewhere too (a test, a world file, a restore), and firing changes their counts.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveFrames((frame) => {
    const changed =
      frame.type === 'fault' ||
      (frame.type === 'domain' && (frame.event.type === 'faults.changed' || frame.event.type === 'world.restored'));
    if (!changed) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => rules.reload(), 150);
  });

  const remove = async (id: number) => {
    await attempt(() => api('DELETE /api/faults/:id', { params: { id } }), `已删除规则 Removed rule ${id}`);
    rules.reload();
  };
  const clear = async () => {
    await attempt(() => api('DELETE /api/faults'), '已清空 Removed every rule');
    rules.reload();
  };

  const list = rules.data ?? [];
  return (
    <section className="card" data-testid="faults-card">
      <div className="card-head">
        <h3>故障注入 Faults ({list.length})</h3>
        <button className="secondary danger" disabled={list.length === 0} onClick={() => void clear()} data-testid="faults-clear">
          全部删除 Remove all
        </button>
      </div>
      <p className="muted small">
        Make calls fail with NapCat&apos;s own envelopes, answer late, never answer, or drop their connection; or delay and fail events
        posted to HTTP POST targets. The first matching rule wins. docs/faults.md says what each imitates.
      </p>
      <table className="table" data-testid="fault-list">
        <thead>
          <tr>
            <th>#</th>
            <th>匹配 Matches</th>
            <th>账号 Account</th>
            <th>效果 Effect</th>
            <th>剩余 Left</th>
            <th>触发 Fired</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((rule) => (
            <tr
              key={rule.id}
              data-testid={`fault-${rule.id}`}
              className={rule.self_id === undefined || rule.self_id === props.selfId ? '' : 'muted'}
            >
              <td>{rule.id}</td>
              <td>
                {rule.event !== undefined ? `event ${rule.event}` : (rule.action ?? 'every action')}
                {rule.transport && <span className="muted small"> · {rule.transport}</span>}
                {rule.probability !== undefined && <span className="muted small"> · p={rule.probability}</span>}
              </td>
              <td>{rule.self_id ?? 'any'}</td>
              <td>{effectText(rule)}</td>
              <td>{rule.remaining ?? '∞'}</td>
              <td data-testid="fault-fired">{rule.fired}</td>
              <td>
                <button className="link-button danger" onClick={() => void remove(rule.id)} data-testid={`fault-remove-${rule.id}`}>
                  删除 Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.error && <div className="form-error">{rules.error}</div>}
      <FaultForm key={props.selfId} selfId={props.selfId} onAdded={() => rules.reload()} />
    </section>
  );
}
