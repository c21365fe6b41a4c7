import { LoadRunError } from './load-run-error.js';
import { StampedSocket } from './stamped-socket.js';

/** A group message as it reached the watched socket, with the moment it arrived (performance.now()). */
export interface ObservedMessage {
  readonly messageId: number;
  readonly groupId: number;
  readonly userId: number;
  readonly at: number;
}

/**
 * Watches what the bot's socket receives by connecting one more client to the bot's own forward
 * WebSocket server with the bot's token. Catnap serialises each event once per adapter and writes
 * the same bytes to every client of it, so this client sees every event when the bot does, at
 * the cost of one more socket write per event. The client runs on its own thread (StampedSocket),
 * so an event's time is when it arrived, not when the generator was next free to look.
 */
export class SocketObserver {
  onMessage: (message: ObservedMessage) => void = () => undefined;
  /** Lifecycle and heartbeat frames, and events of other kinds, counted but not timed. */
  otherFrames = 0;

  private constructor(private readonly socket: StampedSocket) {
    socket.onFrames = (frames) => {
      for (const { at, data } of frames) {
        const frame = JSON.parse(data) as Record<string, unknown>;
        if (frame.post_type === 'message' && frame.message_type === 'group') {
          this.onMessage({ messageId: Number(frame.message_id), groupId: Number(frame.group_id), userId: Number(frame.user_id), at });
        } else {
          this.otherFrames++;
        }
      }
    };
  }

  static async open(url: string, token: string | undefined): Promise<SocketObserver> {
    const socket = await StampedSocket.open(
      url,
      token ? { authorization: `Bearer ${token}` } : {},
      (failure) =>
        new LoadRunError(
          'status' in failure
            ? `cannot watch the bot's socket at ${url}: HTTP ${failure.status} (wrong --observe-token?)`
            : `cannot watch the bot's socket at ${url}: ${failure.error}`,
        ),
    );
    return new SocketObserver(socket);
  }

  close(): void {
    this.socket.close();
  }
}
