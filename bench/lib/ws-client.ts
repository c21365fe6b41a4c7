import WebSocket from 'ws';

/** A small OneBot WebSocket client for the benchmarks: calls matched by echo, events to a callback. */
export class BenchWsClient {
  readonly #pending = new Map<number, (frame: any) => void>();
  #next = 1;
  onEvent: (event: any, receivedAt: number) => void = () => undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const receivedAt = performance.now();
      const frame = JSON.parse(data.toString());
      if (frame.post_type !== undefined) return this.onEvent(frame, receivedAt);
      const resolve = this.#pending.get(frame.echo);
      if (resolve) {
        this.#pending.delete(frame.echo);
        resolve(frame);
      }
    });
  }

  static open(url: string): Promise<BenchWsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new BenchWsClient(socket)));
      socket.once('error', reject);
    });
  }

  call(action: string, params: unknown): Promise<any> {
    const echo = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(echo, resolve);
      this.socket.send(JSON.stringify({ action, params, echo }));
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
