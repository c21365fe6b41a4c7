import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { AdminApi } from '@contract';
import { useLiveFrames, type AdapterStatus } from '../api/live';
import { useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { navigate } from '../ui/router';
import { AdapterEditor } from './adapter-editor';
import { FaultsCard } from './faults-card';
import { HealthCard } from './health-card';
import { LiveLog } from './live-log';
import { MilkyEditor } from './milky-editor';

type BotEntry = AdminApi['GET /api/bots']['response'][number];

const connected = (adapters: AdapterStatus[]) => adapters.some((adapter) => adapter.state === 'connected' || adapter.clients > 0);
const running = (adapters: AdapterStatus[]) => adapters.some((adapter) => adapter.state === 'listening' || adapter.state === 'connected');
/** Shown for an account a restore removed while its adapters kept running (its name is gone with it). */
const removedLabel = 'removed by a restore';

/**
 * Per bot: its health (offline, kicked, zombie), its NapCat network adapters and its Milky server
 * (editors, live state, clients, dropping connections), the fault rules, and a live log of calls,
 * events and fired faults.
 */
export function BotsPage(props: { path: string }) {
  const world = useWorld();
  const [bots, setBots] = useState<BotEntry[]>([]);
  const [extra, setExtra] = useState('');
  const selected = Number(/^\/bots\/(\d+)/.exec(props.path)?.[1]) || bots[0]?.user_id;

  const load = () => api('GET /api/bots').then(setBots, () => undefined);
  useEffect(() => {
    void load();
  }, [world.version]);
  useLiveFrames((frame) => {
    if (frame.type !== 'adapters') return;
    setBots((list) =>
      list.some((bot) => bot.user_id === frame.self_id)
        ? list.map((bot) => (bot.user_id === frame.self_id ? { ...bot, adapters: frame.adapters } : bot))
        : list,
    );
    if (!bots.some((bot) => bot.user_id === frame.self_id)) void load();
  });

  const listed = new Set(bots.map((bot) => bot.user_id));
  const current = bots.find((bot) => bot.user_id === selected) ?? world.account(selected ?? 0);
  return (
    <div className="split" data-testid="bots-page">
      <aside className="side-list">
        {bots.map((bot) => (
          <div
            key={bot.user_id}
            className={`side-item${bot.user_id === selected ? ' active' : ''}`}
            onClick={() => navigate(`/bots/${bot.user_id}`)}
            data-testid={`bot-${bot.user_id}`}
          >
            <Avatar id={bot.user_id} name={bot.nickname} bot={bot.bot} />
            <div>
              <div data-testid={`bot-name-${bot.user_id}`}>{bot.removed ? <em className="muted">{removedLabel}</em> : bot.nickname}</div>
              <div className="muted small">
                {bot.user_id} ·{' '}
                <span className={`state state-${connected(bot.adapters) ? 'connected' : running(bot.adapters) ? 'listening' : 'stopped'}`}>
                  {connected(bot.adapters) ? 'client connected' : running(bot.adapters) ? `${bot.adapters.length} adapter(s)` : 'offline'}
                </span>
              </div>
            </div>
          </div>
        ))}
        <div className="pad">
          <div className="muted small">Give any account a network config:</div>
          <div className="form-row">
            <select aria-label="账号 Account to configure" value={extra} onChange={(event) => setExtra(event.target.value)}>
              <option value="">账号…</option>
              {world.accounts
                .filter((account) => !listed.has(account.user_id))
                .map((account) => (
                  <option key={account.user_id} value={account.user_id}>
                    {account.nickname} ({account.user_id})
                  </option>
                ))}
            </select>
            <button className="secondary" disabled={!extra} onClick={() => navigate(`/bots/${extra}`)}>
              打开
            </button>
          </div>
        </div>
      </aside>
      <div className="manage-page">
        {selected && current ? (
          <>
            <h2>
              {'removed' in current && current.removed ? <em className="muted">{removedLabel}</em> : current.nickname}{' '}
              <span className="muted">{selected}</span>
            </h2>
            <HealthCard key={`health-${selected}`} selfId={selected} />
            <AdapterEditor key={selected} selfId={selected} />
            <MilkyEditor key={`milky-${selected}`} selfId={selected} />
            <FaultsCard selfId={selected} />
            <LiveLog selfId={selected} />
          </>
        ) : (
          <div className="empty-state">No bot accounts yet: mark an account as bot on the World page, or open any account here.</div>
        )}
      </div>
    </div>
  );
}
