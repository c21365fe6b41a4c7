import type { FastifyReply } from 'fastify';

/**
 * NapCat's answer to a stream action over HTTP: one 200 response whose body is the call's
 * envelopes, each JSON followed by "\r\n\r\n", written as they come (chunked) and ended by the
 * last. The reply is taken over from Fastify at the first packet; headers already set on it (CORS)
 * are kept.
 */
export class StreamingReply {
  #started = false;

  constructor(private readonly reply: FastifyReply) {}

  async write(envelope: Readonly<Record<string, unknown>>): Promise<void> {
    this.#start();
    const raw = this.reply.raw;
    if (raw.destroyed) return;
    if (!raw.write(`${JSON.stringify(envelope)}\r\n\r\n`)) {
      // Wait for the client to read (or to go away) before the next chunk.
      await new Promise<void>((resolve) => {
        const done = () => {
          raw.off('drain', done);
          raw.off('close', done);
          resolve();
        };
        raw.once('drain', done);
        raw.once('close', done);
      });
    }
  }

  end(envelope: Readonly<Record<string, unknown>>): FastifyReply {
    this.#start();
    this.reply.raw.end(`${JSON.stringify(envelope)}\r\n\r\n`);
    return this.reply;
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    this.reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(this.reply.getHeaders())) if (value !== undefined) headers[name] = value;
    this.reply.raw.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  }
}
