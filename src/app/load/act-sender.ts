import { Pool } from 'undici';

/** Why a send failed, short enough to count by kind in the report (`retcode 1200`, `HTTP 503`, `ECONNRESET`). */
export class SendError extends Error {
  override readonly name = 'SendError';
}

/** The admin API's limit of calls per `POST /api/world/act-batch`. */
const maxBatch = 1000;

interface PendingSend {
  readonly userId: number;
  readonly groupId: number;
  readonly text: string;
  readonly resolve: (messageId: number) => void;
  readonly reject: (error: SendError) => void;
}

interface Envelope {
  readonly retcode: number;
  readonly data?: { message_id?: number } | null;
}

/**
 * Makes the synthetic people speak through the admin API, each message exactly as the console's
 * `POST /api/world/act/:user_id/send_group_msg` would send it. Messages go out together as one
 * `POST /api/world/act-batch`: at 10,000 messages a second, one HTTP request per message costs
 * Catnap more than the messages themselves (the request's parsing, token check and answer against
 * a send's unit of work), which measured the admin API rather than the world. Each message is
 * still its own call, stored and delivered on its own, and its promise settles with its own
 * envelope.
 *
 * At most `requests` batches are on their way at once (over as many keep-alive connections of an
 * undici `Pool`; `fetch` opens and parses too much per call). What is asked for meanwhile waits
 * here and leaves as one batch when a request comes back, so the batches grow when Catnap falls
 * behind and shrink to a turn of the event loop's worth when it keeps up. With a request per turn
 * whatever happened, a moment's backlog became a queue of small requests in the pool, each paying
 * the whole per-request cost again, and the backlog fed itself.
 */
export class ActSender {
  readonly #pool: Pool;
  readonly #headers: Record<string, string>;
  readonly #requests: number;
  #pending: PendingSend[] = [];
  #scheduled = false;
  #onTheirWay = 0;

  constructor(url: string, token: string, requests = 2) {
    this.#requests = requests;
    this.#pool = new Pool(url, { connections: requests, pipelining: 1, keepAliveTimeout: 30_000 });
    this.#headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  /** Sends a text to a group as `userId`; resolves with the new message's id. */
  sendGroupText(userId: number, groupId: number, text: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.#pending.push({ userId, groupId, text, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // The sends asked for in this turn of the event loop leave together.
      setImmediate(() => {
        this.#scheduled = false;
        this.#pump();
      });
    });
  }

  #pump(): void {
    while (this.#onTheirWay < this.#requests && this.#pending.length > 0) {
      const batch = this.#pending.splice(0, maxBatch);
      this.#onTheirWay++;
      void this.#send(batch).finally(() => {
        this.#onTheirWay--;
        this.#pump();
      });
    }
  }

  async #send(batch: readonly PendingSend[]): Promise<void> {
    let results: readonly Envelope[];
    try {
      results = await this.#post(batch);
    } catch (error) {
      for (const send of batch) send.reject(error as SendError);
      return;
    }
    batch.forEach((send, index) => {
      const envelope = results[index];
      if (envelope?.retcode === 0 && typeof envelope.data?.message_id === 'number') send.resolve(envelope.data.message_id);
      else send.reject(new SendError(`retcode ${envelope?.retcode ?? 'missing'}`));
    });
  }

  async #post(batch: readonly PendingSend[]): Promise<readonly Envelope[]> {
    const calls = batch.map((send) => ({
      user_id: send.userId,
      action: 'send_group_msg',
      params: { group_id: send.groupId, message: [{ type: 'text', data: { text: send.text } }] },
    }));
    let response;
    try {
      response = await this.#pool.request({
        method: 'POST',
        path: '/api/world/act-batch',
        headers: this.#headers,
        body: JSON.stringify({ calls }),
      });
    } catch (error) {
      throw new SendError((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    const body = await response.body.text();
    if (response.statusCode !== 200) throw new SendError(`HTTP ${response.statusCode}`);
    return (JSON.parse(body) as { results: Envelope[] }).results;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
