import { Pool } from 'undici';

/** Why a send failed, short enough to count by kind in the report (`retcode 1200`, `HTTP 503`, `ECONNRESET`). */
export class SendError extends Error {
  override readonly name = 'SendError';
}

/**
 * Makes the synthetic people speak through the admin API's act route
 * (`POST /api/world/act/:user_id/send_group_msg`), exactly as the console does. It keeps a pool
 * of keep-alive connections (undici's `Pool`; `fetch` opens and parses too much per call to send
 * ten thousand messages a second from one process).
 */
export class ActSender {
  readonly #pool: Pool;
  readonly #headers: Record<string, string>;

  constructor(url: string, token: string, connections = 16) {
    this.#pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
    this.#headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  /** Sends a text to a group as `userId`; resolves with the new message's id. */
  async sendGroupText(userId: number, groupId: number, text: string): Promise<number> {
    let response;
    try {
      response = await this.#pool.request({
        method: 'POST',
        path: `/api/world/act/${userId}/send_group_msg`,
        headers: this.#headers,
        body: JSON.stringify({ group_id: groupId, message: [{ type: 'text', data: { text } }] }),
      });
    } catch (error) {
      throw new SendError((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    const body = await response.body.text();
    if (response.statusCode !== 200) throw new SendError(`HTTP ${response.statusCode}`);
    const envelope = JSON.parse(body) as { retcode: number; data?: { message_id?: number } | null };
    if (envelope.retcode !== 0 || typeof envelope.data?.message_id !== 'number') throw new SendError(`retcode ${envelope.retcode}`);
    return envelope.data.message_id;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
