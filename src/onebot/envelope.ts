import type { Envelope } from '../contract/onebot/envelope.js';

/**
 * The reply to every action, on every transport (its shape is the contract's). `data` is always
 * present (null when empty) and `echo` is returned exactly as the caller sent it, any JSON type.
 * What a call without an echo gets, and NapCat's `stream` mark, are the dialect's (dialect.ts).
 */
export type { Envelope };

export function ok(data: unknown, echo: unknown): Envelope {
  return { status: 'ok', retcode: 0, data: data === undefined ? null : data, message: '', wording: '', echo: echo ?? null };
}

/** OneBot 11: a queued call answers status "async", retcode 1, no data. */
export function queued(echo: unknown): Envelope {
  return { status: 'async', retcode: 1, data: null, message: '', wording: '', echo: echo ?? null };
}

export function failed(retcode: number, message: string, echo: unknown): Envelope {
  return { status: 'failed', retcode, data: null, message, wording: message, echo: echo ?? null };
}

/**
 * The envelope with NapCat's `stream` mark (and, for a stream action's failure, its error packet
 * as data). Built field by field, in the envelope's own order: `{ ...envelope, stream }` took V8's
 * slow path for a spread with a field added after it, about 0.9 µs where this literal takes 0.03,
 * and every reply in the NapCat dialect is marked.
 */
export function withStream(envelope: Envelope, stream: 'normal-action' | 'stream-action', data: unknown = envelope.data): Envelope {
  const { status, retcode, message, wording, echo, msg } = envelope;
  return msg === undefined
    ? { status, retcode, data, message, wording, echo, stream }
    : { status, retcode, data, message, wording, echo, msg, stream };
}

/** The HTTP status OneBot 11 gives an action reply: 404 for an unknown action (1404, or 404 in the LLBot and go-cqhttp dialects), else 200. */
export function httpStatusOf(envelope: Envelope): number {
  return envelope.status === 'failed' && (envelope.retcode === 1404 || envelope.retcode === 404) ? 404 : 200;
}
