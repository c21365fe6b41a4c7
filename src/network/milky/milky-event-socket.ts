import { WebSocket } from 'ws';
import type { Logger } from '../../util/logger.js';
import { TickCork } from '../../util/tick-cork.js';
import type { ClientConnection } from '../adapter.js';
import type { TransportLimits } from '../limits.js';

/** Close code 1013 "try again later": the client fell too far behind. */
const closeTooSlow = 1013;

/**
 * One Milky event WebSocket (`<prefix>/event`). Milky's event socket only pushes: frames from the
 * client are ignored. A client that stops reading is closed at `maxPendingBytes`; one that stops
 * answering pings is terminated, so neither can hold Catnap's memory.
 */
export class MilkyEventSocket {
  readonly #timer: NodeJS.Timeout | undefined;
  #awaitingPong = false;
  #closed = false;
  readonly closed: Promise<void>;
  /** This turn's events go out in one write. */
  readonly #cork: TickCork;

  constructor(
    private readonly ws: WebSocket,
    readonly connection: ClientConnection,
    private readonly limits: TransportLimits,
    private readonly logger: Logger,
    onClose: () => void,
  ) {
    this.#cork = new TickCork(ws);
    this.closed = new Promise((resolve) =>
      ws.once('close', () => {
        this.#closed = true;
        clearInterval(this.#timer);
        onClose();
        resolve();
      }),
    );
    ws.on('pong', () => (this.#awaitingPong = false));
    ws.on('error', (error) => logger.debug({ err: error }, 'Milky event socket error'));
    if (limits.pingIntervalMs > 0) {
      this.#timer = setInterval(() => {
        if (this.#awaitingPong) {
          logger.warn('Milky event client did not answer a ping; terminating');
          ws.terminate();
          return;
        }
        this.#awaitingPong = true;
        ws.ping();
      }, limits.pingIntervalMs);
    }
  }

  send(json: string): void {
    if (this.#closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxPendingBytes) {
      this.logger.warn({ pendingBytes: this.ws.bufferedAmount }, 'Milky event client is not reading; closing it');
      this.close(closeTooSlow, 'client too slow');
      return;
    }
    this.#cork.hold();
    this.ws.send(json);
  }

  /** Closes the socket (1001 when the server stops); resolves once it has closed. */
  close(code = 1001, reason = 'server stopping'): Promise<void> {
    if (!this.#closed) {
      this.ws.close(code, reason);
      // A peer that never completes the closing handshake is cut off.
      setTimeout(() => this.ws.terminate(), 2000).unref();
    }
    return this.closed;
  }
}
