import type { z } from 'zod';
import type { Logger } from '../util/logger.js';
import type { MilkyApiSpec, MilkyContext, MilkyServices } from './api.js';
import { fail } from '../world/errors.js';
import { describeMilkyFailure, milkyProtocolErrors } from './error-catalogue.js';

/** Milky's reply body: `data` on success (`{}` when the API returns nothing), `message` on failure. */
export type MilkyReply =
  | { readonly status: 'ok'; readonly retcode: 0; readonly data: unknown }
  | { readonly status: 'failed'; readonly retcode: number; readonly message: string };

/** One finished call, for the console's live log. */
export interface MilkyCallRecord {
  readonly selfId: number;
  readonly api: string;
  readonly input: unknown;
  readonly reply: MilkyReply;
  readonly durationMs: number;
  readonly time: number;
}

export const milkyOk = (data: unknown): MilkyReply => ({ status: 'ok', retcode: 0, data: data ?? {} });
export const milkyFailed = (retcode: number, message: string): MilkyReply => ({ status: 'failed', retcode, message });

/**
 * The one entry point of Milky's transports: `call(selfId, api, input)`. It finds the API, parses
 * the input with the spec's schema (never mutating the caller's object), runs the handler and
 * always answers a reply; it never throws. An unknown API answers `undefined`, which the HTTP
 * transport turns into 404 as the spec says.
 */
export class MilkyDispatcher {
  readonly #apis = new Map<string, MilkyApiSpec>();
  readonly #listeners = new Set<(record: MilkyCallRecord) => void>();
  readonly #logger: Logger;

  constructor(
    apis: readonly MilkyApiSpec[],
    readonly services: MilkyServices,
  ) {
    for (const api of apis) {
      if (this.#apis.has(api.name)) throw new Error(`Milky API ${api.name} is defined twice`);
      this.#apis.set(api.name, api);
    }
    this.#logger = services.logger.child({ component: 'milky' });
  }

  has(name: string): boolean {
    return this.#apis.has(name);
  }

  /** Every API, in registration order. */
  apis(): readonly MilkyApiSpec[] {
    return [...this.#apis.values()];
  }

  async call(selfId: number, name: string, input: unknown): Promise<MilkyReply | undefined> {
    const api = this.#apis.get(name);
    if (!api) return undefined;
    const started = performance.now();
    const reply = await this.#run(api, selfId, input);
    if (this.#listeners.size > 0) {
      const record = { selfId, api: name, input, reply, durationMs: performance.now() - started, time: this.services.world.clock.nowMs() };
      for (const listener of this.#listeners) {
        try {
          listener(record);
        } catch (error) {
          this.#logger.warn({ err: error }, 'call listener failed');
        }
      }
    }
    return reply;
  }

  /** Subscribes to finished calls; returns the unsubscriber. */
  onCall(listener: (record: MilkyCallRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #run(api: MilkyApiSpec, selfId: number, input: unknown): Promise<MilkyReply> {
    const parsed = parseInput(api.input, input);
    if (!parsed.ok) return milkyFailed(milkyProtocolErrors.BAD_INPUT.retcode, parsed.message);
    const ctx: MilkyContext = { selfId, world: this.services.world, services: this.services };
    try {
      // A Milky server outlives its account when a snapshot restore or reset takes the account
      // away: every API answers that the account is gone rather than acting as nobody.
      if (!this.services.world.accounts.find(selfId)) throw fail.callerNotFound(selfId);
      return milkyOk(await api.handler(ctx, parsed.value as never));
    } catch (error) {
      const { retcode, message, internal } = describeMilkyFailure(error);
      if (internal) this.#logger.error({ err: error, api: api.name, selfId }, 'Milky API failed unexpectedly');
      return milkyFailed(retcode, message);
    }
  }
}

/**
 * Parses an API's input with its schema. The spec has callers send `{}` when an API takes no
 * input, so anything but a JSON object is refused even then. Zod builds a new object, so the
 * caller's value is never changed.
 */
function parseInput(schema: z.ZodType | null, input: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'the input must be a JSON object (send {} when the API takes none)' };
  }
  if (!schema) return { ok: true, value: {} };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  return { ok: false, message: `invalid input: ${issues.join('; ')}` };
}
