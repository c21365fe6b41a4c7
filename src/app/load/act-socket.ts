import WebSocket from 'ws';

/** A call of an `act` request, as the live socket takes it (LiveActRequest). */
export interface SocketCall {
  readonly user_id: number;
  readonly action: string;
  readonly params?: unknown;
}

/** What came back for one request: every call's envelope in order, or why none ran. */
export type ActAnswer = { readonly results: readonly unknown[] } | { readonly error: { readonly code: string; readonly message: string } };

interface Waiting {
  readonly resolve: (answer: ActAnswer) => void;
  readonly reject: (error: Error) => void;
}

/** One open socket and the requests it carries. */
interface Connection {
  readonly ws: WebSocket;
  readonly waiting: Map<number, Waiting>;
}

/**
 * `act` requests on the admin API's live socket (`/api/live?streams=none`): each a batch of calls,
 * answered by an `acted` frame with the request's id. One socket carries every request, opened at
 * the first and again after it closed; a request out when it closes fails with the reason, and one
 * left unanswered for `answerTimeoutMs` fails too (a Catnap too old to take `act` requests ignores
 * them, and a run waits for every send to settle).
 */
export class ActSocket {
  #opening: Promise<Connection> | undefined;
  #nextId = 1;

  constructor(
    /** The live socket's address with its token (`CatnapClient.liveUrl(['none'])`). */
    private readonly url: string,
    private readonly answerTimeoutMs = 60_000,
  ) {}

  async request(calls: readonly SocketCall[]): Promise<ActAnswer> {
    const { ws, waiting } = await this.#connection();
    const id = this.#nextId++;
    return new Promise<ActAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (waiting.delete(id)) reject(new Error(`no answer within ${this.answerTimeoutMs / 1000} s`));
      }, this.answerTimeoutMs);
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          then(value);
        };
      waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
      ws.send(JSON.stringify({ type: 'act', id, calls }), (error) => {
        if (!error || !waiting.delete(id)) return;
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  close(): void {
    const opening = this.#opening;
    this.#opening = undefined;
    void opening?.then(
      ({ ws }) => ws.close(),
      () => undefined,
    );
  }

  #connection(): Promise<Connection> {
    if (this.#opening) return this.#opening;
    const opening = new Promise<Connection>((resolve, reject) => {
      const ws = new WebSocket(this.url);
      const connection: Connection = { ws, waiting: new Map() };
      ws.once('open', () => resolve(connection));
      ws.once('unexpected-response', (_request, response) => {
        ws.terminate();
        reject(new Error(`HTTP ${response.statusCode ?? 'error'}`));
      });
      ws.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
      ws.on('message', (data) => answered(connection, String(data)));
      ws.once('close', (code) => {
        // The next request opens a socket again.
        if (this.#opening === opening) this.#opening = undefined;
        reject(new Error(`socket closed (${code})`));
        const waiting = [...connection.waiting.values()];
        connection.waiting.clear();
        for (const entry of waiting) entry.reject(new Error(`socket closed (${code})`));
      });
    });
    this.#opening = opening;
    return opening;
  }
}

/** Settles the request an `acted` frame answers; other frames (hello) are not answers. */
function answered({ waiting }: Connection, data: string): void {
  let frame: { type?: string; id?: unknown; results?: unknown[]; error?: { code: string; message: string } } | null;
  try {
    frame = JSON.parse(data) as typeof frame;
  } catch {
    return;
  }
  if (frame?.type !== 'acted' || typeof frame.id !== 'number') return;
  const entry = waiting.get(frame.id);
  if (!entry) return;
  waiting.delete(frame.id);
  entry.resolve(frame.error ? { error: frame.error } : { results: frame.results ?? [] });
}
