import { useState } from 'react';
import { api } from '../api/client';
import { attempt } from '../ui/attempt';
import { toast } from '../ui/toast';

/**
 * Drops an adapter's connections now (connection chaos), optionally refusing reconnects for a
 * number of seconds, so a bot's reconnect logic can be watched in the live log.
 */
export function DisconnectControl(props: { selfId: number; adapter: string }) {
  const [refuse, setRefuse] = useState('');
  const seconds = Number(refuse);
  const refuseMs = refuse.trim() && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;

  const drop = () =>
    attempt(async () => {
      const { dropped } = await api('POST /api/bots/:user_id/adapters/:name/disconnect', {
        params: { user_id: props.selfId, name: props.adapter },
        body: refuseMs ? { refuse_ms: refuseMs } : {},
      });
      const refusing = refuseMs ? `, refusing reconnects for ${refuseMs / 1000} s` : '';
      toast(`${props.adapter}: dropped ${dropped} connection${dropped === 1 ? '' : 's'}${refusing}`);
    });

  return (
    <span className="form-row disconnect-control">
      <button className="secondary" onClick={() => void drop()} data-testid="adapter-disconnect" title="Close every client connection now">
        断开 Drop connections
      </button>
      <input
        value={refuse}
        onChange={(event) => setRefuse(event.target.value)}
        aria-label="拒绝重连秒数 Refuse reconnects (seconds)"
        placeholder="refuse s"
        inputMode="numeric"
        size={7}
        title="Refuse reconnects for this many seconds (none when empty)"
        data-testid="adapter-refuse-seconds"
      />
    </span>
  );
}
