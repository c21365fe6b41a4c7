import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The request's connection, for faults (docs/faults.md): `signal` aborts when the client goes
 * before its answer (a call that never answers stops waiting); `disconnect` cuts the TCP
 * connection without an answer. Nothing is made or listened to unless a fault asks for the
 * signal: an AbortController and a close listener for every request cost about a tenth of
 * Catnap's CPU on the HTTP send path, and whether the client went is read from the response.
 */
export class HttpConnection {
  #controller: AbortController | undefined;
  #cut = false;

  constructor(
    private readonly request: FastifyRequest,
    readonly reply: FastifyReply,
  ) {}

  /** Whether the client went before its answer was sent (it gave up, or a fault cut it off). */
  get gone(): boolean {
    const raw = this.reply.raw;
    return this.#cut || (raw.destroyed && !raw.writableFinished);
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = (this.#controller = new AbortController());
      const raw = this.reply.raw;
      if (this.gone) controller.abort();
      else raw.once('close', () => raw.writableFinished || controller.abort());
    }
    return this.#controller.signal;
  }

  readonly disconnect = (): void => {
    this.#cut = true;
    this.#controller?.abort();
    this.request.raw.socket?.destroy();
  };
}

/** The client is gone (it gave up, or a fault cut it off): nothing is sent, and Fastify stops waiting for it. */
export function abandon(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  request.raw.socket?.destroy();
  return reply;
}
