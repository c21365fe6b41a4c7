import { ActSocket } from './act-socket.js';

/** Why a send failed, short enough to count by kind in the report (`retcode 1200`, `STOPPING`, `ECONNRESET`). */
export class SendError extends Error {
  override readonly name = 'SendError';
}

/** The admin API's limit of calls per `act` request (as per `POST /api/world/act-batch`). */
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
 * `act` request on the live socket (what `POST /api/world/act-batch` runs): at 10,000 messages a
 * second, one HTTP request per message cost Catnap more than the messages themselves, and one per
 * batch still a sixth of its event loop (parsing, routing, the token and host checks, the answer),
 * which measured the admin API rather than the world. Each message is still its own call, stored
 * and delivered on its own, and its promise settles with its own envelope.
 *
 * At most `requests` batches are on their way at once. What is asked for meanwhile waits here and
 * leaves as one batch when an answer comes back, so the batches grow when Catnap falls behind and
 * shrink to a turn of the event loop's worth when it keeps up. With a request per turn whatever
 * happened, a moment's backlog became a queue of small requests, each paying the whole
 * per-request cost again, and the backlog fed itself.
 */
export class ActSender {
  readonly #socket: ActSocket;
  readonly #requests: number;
  #pending: PendingSend[] = [];
  #scheduled = false;
  #onTheirWay = 0;

  /** `liveUrl`: the live socket's address with its token (`CatnapClient.liveUrl(['none'])`). */
  constructor(liveUrl: string, requests = 2, answerTimeoutMs?: number) {
    this.#requests = requests;
    this.#socket = new ActSocket(liveUrl, answerTimeoutMs);
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
    let answer;
    try {
      answer = await this.#socket.request(calls);
    } catch (error) {
      throw new SendError((error as Error).message);
    }
    if ('error' in answer) throw new SendError(answer.error.code);
    return answer.results as readonly Envelope[];
  }

  close(): Promise<void> {
    this.#socket.close();
    return Promise.resolve();
  }
}
