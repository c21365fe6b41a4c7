import { LoadRunError } from './load-run-error.js';
import { StampedSocket } from './stamped-socket.js';
import type { LiveFrame } from '../../contract/live.js';

/** A message the bot sent into a group (an answer, as far as the run can tell), and when it was seen. */
export interface BotSend {
  readonly groupId: number;
  readonly at: number;
}

/** One of the bot's action calls, as its live call stream told it. */
export interface BotCall {
  readonly action: string;
  /** Its answer's retcode: other than 0 (and 1, an accepted `_async` call) when refused or failed. */
  readonly retcode: number;
}

const groupSends = new Set(['send_group_msg', 'send_msg', 'send_group_forward_msg', 'send_forward_msg']);

/**
 * Sees the bot's answers on the admin API's live socket (`/api/live?streams=call&self_id=`): every
 * action the bot's transports finished. A successful send into a group by the bot counts as an
 * answer in that group; every call is counted, and each failed one (the bot's own call count when
 * several bots share the run, which the metrics cannot tell apart). The live socket drops frames for a client that reads
 * too slowly (it says how many), so the run reports those too. Like the event watcher, it reads
 * on its own thread, so an answer's time is when it arrived.
 */
export class ReplyWatcher {
  onSend: (send: BotSend) => void = () => undefined;
  onCall: (call: BotCall) => void = () => undefined;
  dropped = 0;

  private constructor(
    private readonly socket: StampedSocket,
    selfId: number,
  ) {
    socket.onFrames = (frames) => {
      for (const { at, data } of frames) {
        const frame = JSON.parse(data) as LiveFrame;
        if (frame.type === 'dropped') this.dropped += frame.count;
        if (frame.type !== 'call' || frame.call.self_id !== selfId || frame.call.transport === 'admin') continue;
        const { action, params, envelope } = frame.call;
        this.onCall({ action, retcode: envelope.retcode });
        if (envelope.status === 'failed') continue;
        const groupId = groupOf(action.replace(/_(async|rate_limited)$/, ''), params);
        if (groupId !== undefined) this.onSend({ groupId, at });
      }
    };
  }

  static async connect(url: string, selfId: number): Promise<ReplyWatcher> {
    const socket = await StampedSocket.open(
      url,
      {},
      (failure) =>
        new LoadRunError(`cannot open the live socket for replies: ${'status' in failure ? `HTTP ${failure.status}` : failure.error}`),
    );
    return new ReplyWatcher(socket, selfId);
  }

  close(): void {
    this.socket.close();
  }
}

/** The group a send went to: send_group_msg, send_msg to a group, or a quick operation's reply in a group. */
function groupOf(action: string, params: unknown): number | undefined {
  const p = (params ?? {}) as Record<string, unknown>;
  if (groupSends.has(action) && p.group_id !== undefined && (action !== 'send_msg' || p.message_type !== 'private'))
    return Number(p.group_id);
  if (action === '.handle_quick_operation') {
    const context = (p.context ?? {}) as Record<string, unknown>;
    if (context.message_type === 'group' && (p.operation as { reply?: unknown } | undefined)?.reply !== undefined)
      return Number(context.group_id);
  }
  return undefined;
}
