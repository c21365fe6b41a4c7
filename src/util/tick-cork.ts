import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Holds the frames a WebSocket is sent during one turn of the event loop in its socket and
 * writes them together at the next tick: at thousands of events a second, one write system call
 * per frame cost more than building the frames. ws exposes no batching, so its socket (`_socket`,
 * a net.Socket) is corked until the tick. Call `hold()` before each `ws.send`.
 */
export class TickCork {
  #held = false;

  constructor(private readonly ws: WebSocket) {}

  hold(): void {
    if (this.#held) return;
    const socket = (this.ws as unknown as { _socket?: Socket | null })._socket;
    if (!socket) return;
    this.#held = true;
    socket.cork();
    process.nextTick(() => {
      this.#held = false;
      socket.uncork();
    });
  }
}
