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

/** The HTTP status OneBot 11 gives an action reply: 404 for an unknown action (1404, or 404 in the LLBot and go-cqhttp dialects), else 200. */
export function httpStatusOf(envelope: Envelope): number {
  return envelope.status === 'failed' && (envelope.retcode === 1404 || envelope.retcode === 404) ? 404 : 200;
}
