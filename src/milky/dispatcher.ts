import type { z } from 'zod';
import type { Logger } from '../util/logger.js';
import type { MilkyApiSpec, MilkyContext, MilkyServices } from './api.js';
import { runUnderFault } from '../world/faults/run-under-fault.js';
import { fail } from '../world/errors.js';
import type { FaultEffect } from '../world/faults/fault-model.js';
import { describeMilkyFailure, milkyProtocolErrors } from './error-catalogue.js';
import { MilkyFaultGate, type MilkyFaultGateOptions, type MilkyFaultVerdict } from './faults/milky-fault-gate.js';

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
  /** The fault that hit the call, if one did (a rule, or the account's health). */
  readonly fault?: { readonly ruleId: number | null; readonly effect: FaultEffect['type']; readonly reason: string };
}

/** What a transport tells the dispatcher about the connection a call came on; all optional. */
export interface MilkyCallMeta {
  /** Aborts when the caller is gone (a call a fault holds stops waiting). */
  readonly signal?: AbortSignal;
  /** Closes the connection the call came on (the `disconnect` fault). */
  readonly disconnect?: () => void;
}

export interface MilkyDispatcherOptions {
  /** The zombie's send timeout (catnap.json `faults.sendTimeoutMs`). */
  readonly faults?: MilkyFaultGateOptions;
}

export const milkyOk = (data: unknown): MilkyReply => ({ status: 'ok', retcode: 0, data: data ?? {} });
export const milkyFailed = (retcode: number, message: string): MilkyReply => ({ status: 'failed', retcode, message });

/**
 * The one entry point of Milky's transports: `call(selfId, api, input)`. It finds the API, applies
 * the fault rules and the account's health (docs/faults.md), parses the input with the spec's
 * schema (never mutating the caller's object), runs the handler and always answers a reply; it
 * never throws. An unknown API answers `undefined`, which the HTTP transport turns into 404 as the
 * spec says.
 */
export class MilkyDispatcher {
  readonly #apis = new Map<string, MilkyApiSpec>();
  readonly #listeners = new Set<(record: MilkyCallRecord) => void>();
  readonly #logger: Logger;
  readonly #faults: MilkyFaultGate;
  /** Aborted by close(): calls held by a fault stop waiting. */
  readonly #closing = new AbortController();
  /** Stand-in replies of held calls that `close` let go (see wasCutShort). */
  readonly #cutShort = new WeakSet<MilkyReply>();

  constructor(
    apis: readonly MilkyApiSpec[],
    readonly services: MilkyServices,
    options: MilkyDispatcherOptions = {},
  ) {
    for (const api of apis) {
      if (this.#apis.has(api.name)) throw new Error(`Milky API ${api.name} is defined twice`);
      this.#apis.set(api.name, api);
    }
    this.#logger = services.logger.child({ component: 'milky' });
    this.#faults = new MilkyFaultGate(services.world, {
      ...options.faults,
      onListenerError: (error) => this.#logger.warn({ err: error }, 'fault fired listener failed'),
    });
  }

  /** The fault rules and health this dispatcher's calls obey (the transports ask it whom to refuse). */
  get faults(): MilkyFaultGate {
    return this.#faults;
  }

  has(name: string): boolean {
    return this.#apis.has(name);
  }

  /** Every API, in registration order. */
  apis(): readonly MilkyApiSpec[] {
    return [...this.#apis.values()];
  }

  async call(selfId: number, name: string, input: unknown, meta: MilkyCallMeta = {}): Promise<MilkyReply | undefined> {
    const api = this.#apis.get(name);
    if (!api) return undefined;
    const started = performance.now();
    const verdict = this.#faultFor(selfId, name);
    const reply = verdict ? await this.#withFault(verdict, () => this.#run(api, selfId, input), meta) : await this.#run(api, selfId, input);
    if (this.#listeners.size > 0) {
      const record: MilkyCallRecord = {
        selfId,
        api: name,
        input,
        reply,
        durationMs: performance.now() - started,
        time: this.services.world.clock.nowMs(),
        ...(verdict && { fault: { ruleId: verdict.ruleId, effect: verdict.effect.type, reason: verdict.reason } }),
      };
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

  /** Lets every call held by a fault (no_reply, delays) finish now, so the transports can close. */
  close(): void {
    this.#closing.abort();
  }

  /**
   * Whether `reply` stands in for an answer that never came because `close` let its held call go:
   * the transport closes the connection instead of sending it, as a hung implementation that is
   * shut down would. A call let go that then ran (a delay) answers for itself.
   */
  wasCutShort(reply: MilkyReply): boolean {
    return this.#cutShort.has(reply);
  }

  /** The fault that hits this call, if any; never throws (a broken rule is logged and ignored). */
  #faultFor(selfId: number, api: string): MilkyFaultVerdict | undefined {
    try {
      return this.#faults.check(selfId, api);
    } catch (error) {
      this.#logger.error({ err: error, api, selfId }, 'fault check failed; the call runs normally');
      return undefined;
    }
  }

  /** Applies a fault to a call (see runUnderFault), as the OneBot dispatcher does; the stand-ins are Milky's failures. */
  #withFault(verdict: MilkyFaultVerdict, run: () => Promise<MilkyReply>, meta: MilkyCallMeta): Promise<MilkyReply> {
    const signal = meta.signal ? AbortSignal.any([meta.signal, this.#closing.signal]) : this.#closing.signal;
    return runUnderFault(
      verdict.effect,
      run,
      { signal, disconnect: meta.disconnect },
      {
        failed: () => milkyFailed(verdict.failure!.retcode, verdict.failure!.message),
        noReply: () => this.#letGo(milkyFailed(milkyProtocolErrors.INTERNAL.retcode, 'no reply (fault)')),
        disconnected: () => milkyFailed(milkyProtocolErrors.INTERNAL.retcode, 'connection closed (fault)'),
      },
    );
  }

  /** Marks a held call's stand-in as cut short when it was the stop, not its caller, that let it go. */
  #letGo(reply: MilkyReply): MilkyReply {
    if (this.#closing.signal.aborted) this.#cutShort.add(reply);
    return reply;
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
