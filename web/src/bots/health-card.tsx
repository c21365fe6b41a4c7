import { useState } from 'react';
import type { HealthState } from '@contract';
import { api } from '../api/client';
import { useLiveFrames } from '../api/live';
import { useLoad } from '../api/world-data';
import { attempt } from '../ui/attempt';

/** Each state, what the button says, and what a bot sees (docs/faults.md). */
const states: { state: HealthState; label: string; means: string }[] = [
  { state: 'online', label: '上线 Online', means: 'normal: everything answers' },
  { state: 'offline', label: '离线 Offline', means: 'bot_offline on open sockets, changes fail as NapCat fails them logged out' },
  { state: 'kicked', label: '踢下线 Kick', means: 'as offline, and new connections are refused until it is back online' },
  { state: 'zombie', label: '僵尸 Zombie', means: 'reads answer, sends hang until their timeout' },
];

/**
 * The account's health as QQ sees it, and buttons to take it offline, kick it, make it a zombie
 * or bring it back online, so a bot's handling of each can be tried by hand.
 */
export function HealthCard(props: { selfId: number }) {
  const { selfId } = props;
  const health = useLoad(() => api('GET /api/bots/:user_id/health', { params: { user_id: selfId } }), [selfId]);
  const [message, setMessage] = useState('');
  // A test or another console may change it too; a restore brings back the saved one.
  useLiveFrames((frame) => {
    if (frame.type !== 'domain') return;
    const { event } = frame;
    if (event.type === 'world.restored' || (event.type === 'account.health' && event.audience.includes(selfId))) health.reload();
  });

  const set = async (state: HealthState) => {
    const text = message.trim();
    const body = text && state !== 'online' ? { state, message: text } : { state };
    await attempt(() => api('POST /api/bots/:user_id/health', { params: { user_id: selfId }, body }), `${selfId}: ${state}`);
    health.reload();
  };

  const current = health.data?.state;
  return (
    <section className="card" data-testid="health-card">
      <div className="card-head">
        <h3>
          账号状态 Health{' '}
          <span className={`chip health-${current ?? 'unknown'}`} data-testid="health-state" data-state={current}>
            {current ?? '…'}
          </span>
        </h3>
        {health.data && health.data.since > 0 && (
          <span className="muted small">
            since {new Date(health.data.since * 1000).toLocaleString(undefined, { hour12: false })}
            {health.data.message && ` · ${health.data.message}`}
          </span>
        )}
      </div>
      <div className="form-row">
        {states.map((each) => (
          <button
            key={each.state}
            className={each.state === 'online' ? 'primary' : 'secondary'}
            disabled={current === each.state}
            title={each.means}
            onClick={() => void set(each.state)}
            data-testid={`health-${each.state}`}
          >
            {each.label}
          </button>
        ))}
        <input
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          aria-label="bot_offline 消息 message"
          placeholder="bot_offline message (QQ's own when empty)"
          size={34}
          data-testid="health-message"
        />
      </div>
      {health.error && <div className="form-error">{health.error}</div>}
    </section>
  );
}
