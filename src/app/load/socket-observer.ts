import WebSocket from 'ws';
import { LoadRunError } from './load-run-error.js';

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
 * the cost of one more socket write per event.
 */
export class SocketObserver {
  onMessage: (message: ObservedMessage) => void = () => undefined;
  /** Lifecycle and heartbeat frames, and events of other kinds, counted but not timed. */
  otherFrames = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.post_type === 'message' && frame.message_type === 'group') {
        this.onMessage({ messageId: Number(frame.message_id), groupId: Number(frame.group_id), userId: Number(frame.user_id), at });
      } else {
        this.otherFrames++;
      }
    });
  }

  static open(url: string, token: string | undefined): Promise<SocketObserver> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, ...(token && { headers: { authorization: `Bearer ${token}` } }) });
      socket.once('open', () => resolve(new SocketObserver(socket)));
      socket.once('error', (error) => reject(new LoadRunError(`cannot watch the bot's socket at ${url}: ${error.message}`)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new LoadRunError(`cannot watch the bot's socket at ${url}: HTTP ${response.statusCode} (wrong --observe-token?)`)),
      );
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
