import { describeJsonProblem, findJsonProblem, nestsDeeperThan } from '../util/json-guard.js';
import type { Logger } from '../util/logger.js';
import type { ActionContext, ActionServices, CallMeta } from './action.js';
import { ActionQueue } from './action-queue.js';
import { CallContext, type ContextHost } from './call-context.js';
import type { ActionTable, ResolvedAction } from './action-table.js';
import { defaultDialect, echoInDialect, envelopeInDialect, isWebSocketTransport, unknownActionEnvelope } from './dialect.js';
import { ActionError, describeFailure, protocolErrors } from './error-catalogue.js';
import { failed, ok, queued, withStream, type Envelope } from './envelope.js';
import type { FaultEffect } from '../contract/admin/faults.js';
import type { FaultGate, FaultVerdict } from './faults/fault-gate.js';
import { napcatFailureRetcode } from './faults/fault-presets.js';
import { fail, WorldError } from '../world/errors.js';
import { runUnderFault } from '../world/faults/run-under-fault.js';

export interface DispatchMeta extends CallMeta {
  /** The caller's echo, returned verbatim in the reply. */
  readonly echo?: unknown;
  /** Aborts when the connection the call came on is gone (a call that never answers stops waiting). */
  readonly signal?: AbortSignal;
  /** Closes the connection the call came on (the `disconnect` fault). */
  readonly disconnect?: () => void;
}

/** One finished call, for the console's live log. */
export interface CallRecord {
  readonly selfId: number;
  readonly action: string;
  readonly params: unknown;
  readonly envelope: Envelope;
  readonly meta: DispatchMeta;
  readonly durationMs: number;
  readonly time: number;
  /** The fault that hit the call, if one did (the console shows it in its own colour). */
  readonly fault?: { readonly ruleId: number | null; readonly effect: FaultEffect['type']; readonly reason: string };
}

export interface DispatcherOptions {
  /** Minimum gap between two `_rate_limited` calls of one account (OneBot's default 500 ms). */
  readonly rateLimitIntervalMs?: number;
  /** Calls that may wait in one account's `_async` or `_rate_limited` queue. */
  readonly queueLimit?: number;
  /** Deepest nesting of params and echo accepted (catnap.json `api.maxJsonDepth`). */
  readonly maxJsonDepth?: number;
  /** Fault rules and account health (docs/faults.md); no faults when absent. */
  readonly faults?: FaultGate;
}

/** Default of `api.maxJsonDepth`: far deeper than any action's params (nested forwards take 13). */
export const defaultMaxJsonDepth = 32;

/**
 * The one entry point of every transport: `dispatch(selfId, action, params, meta)`. It resolves
 * the action, validates params against the compiled schema, runs the handler (now, or queued for
 * `_async` / `_rate_limited`) and always answers with an envelope; it never throws.
 */
export class Dispatcher {
  readonly #asyncQueues = new Map<number, ActionQueue>();
  readonly #rateQueues = new Map<number, ActionQueue>();
  readonly #callListeners = new Set<(record: CallRecord) => void>();
  readonly #logger: Logger;
  /** Aborted by close(): calls held by a fault stop waiting. */
  readonly #closing = new AbortController();
  /**
   * Stand-in answers of calls a fault held and this dispatcher let go as Catnap stopped: they never
   * got an answer of their own. Kept beside the envelope, not in it, so what bots read is unchanged.
   */
  readonly #cutShort = new WeakSet<Envelope>();

  /** What every call's context reaches back for (made once). */
  readonly #contextHost: ContextHost;

  constructor(
    readonly table: ActionTable,
    readonly services: ActionServices,
    private readonly options: DispatcherOptions = {},
  ) {
    this.#logger = services.logger.child({ component: 'dispatch' });
    this.#contextHost = {
      services,
      run: (selfId, action, params, meta) => this.run(selfId, action, params, meta),
      names: () => table.names(),
    };
  }

  /** Fault rules and account health, when this dispatcher applies them (transports ask it too). */
  get faults(): FaultGate | undefined {
    return this.options.faults;
  }

  /** Deepest params and echo accepted; transports answering on their own use it for the echo. */
  get maxJsonDepth(): number {
    return this.options.maxJsonDepth ?? defaultMaxJsonDepth;
  }

  /** The echo to send back with a reply a transport makes itself: null when it is too deep to serialise. */
  echoOf(echo: unknown): unknown {
    return nestsDeeperThan(echo, this.maxJsonDepth) ? null : echo;
  }

  async dispatch(selfId: number, action: string, params: unknown, meta: DispatchMeta): Promise<Envelope> {
    const started = performance.now();
    // An echo too deep to serialise is not sent back (nor kept): the reply says so instead.
    const maxDepth = this.maxJsonDepth;
    const echoTooDeep = nestsDeeperThan(meta.echo, maxDepth);
    // The echo the answer carries travels beside the meta, never in a copy of it: a transport's
    // meta may be a class with getters (the HTTP API's lazy signal), and deriving an object from
    // it per call (a spread lost the getter; Object.create made every call's meta a prototype,
    // with a hidden class of its own) cost a twentieth of a send's garbage.
    let echo = echoTooDeep ? null : meta.echo;
    const problem = echoTooDeep ? undefined : findJsonProblem(params, maxDepth);
    const runs = !echoTooDeep && !problem;
    // Resolved once per call: the fault check and the run read the same answer.
    const resolved = runs && typeof action === 'string' ? this.table.resolve(action) : undefined;
    const dialect = meta.dialect ?? defaultDialect;
    // A call sent without an echo is answered with the dialect's stand-in ("" or a made-up one in NapCat's).
    if (!echoTooDeep) {
      const known = resolved !== undefined || (!runs && typeof action === 'string' && this.table.resolve(action) !== undefined);
      echo = echoInDialect(echo, dialect, meta.transport, known);
    }
    const verdict = runs ? this.#faultFor(selfId, action, resolved, meta) : undefined;
    const answer = verdict
      ? await this.#withFault(verdict, () => this.#dispatch(selfId, action, resolved, params, meta, echo), meta, echo)
      : echoTooDeep
        ? failed(
            protocolErrors.BAD_PARAMS.retcode,
            `echo: nested deeper than ${maxDepth} levels (api.maxJsonDepth); it is not sent back`,
            null,
          )
        : problem
          ? failed(protocolErrors.BAD_PARAMS.retcode, describeJsonProblem(problem, 'params'), echo)
          : await this.#dispatch(selfId, action, resolved, params, meta, echo);
    const envelope = envelopeInDialect(answer, dialect);
    // The dialect's envelope may be a new object (NapCat's stream field): the mark goes with it.
    if (envelope !== answer && this.#cutShort.has(answer)) this.#cutShort.add(envelope);
    if (this.#callListeners.size > 0) {
      const record: CallRecord = {
        selfId,
        action,
        params: echoTooDeep || problem?.kind === 'depth' ? '(not shown: nested too deep)' : params,
        envelope,
        meta,
        durationMs: performance.now() - started,
        time: this.services.world.clock.nowMs(),
        ...(verdict && { fault: { ruleId: verdict.ruleId, effect: verdict.effect.type, reason: verdict.reason } }),
      };
      for (const listener of this.#callListeners) {
        try {
          listener(record);
        } catch (error) {
          this.#logger.warn({ err: error }, 'call listener failed');
        }
      }
    }
    return envelope;
  }

  /**
   * Runs an action now (whatever its suffix) and returns its data, throwing its failure as is.
   * For actions built from other actions; clients always go through `dispatch`.
   */
  async run(selfId: number, action: string, params: unknown, meta: DispatchMeta): Promise<unknown> {
    const resolved = this.table.resolve(action);
    if (!resolved) throw new ActionError('UNKNOWN_ACTION', `unknown action: ${action}`);
    const runner = resolved.runner(meta.dialect ?? defaultDialect);
    return runner.run(this.#context(selfId, meta, meta.echo), runner.validator.parse(params));
  }

  /** Subscribes to finished calls; returns the unsubscriber. */
  onCall(listener: (record: CallRecord) => void): () => void {
    this.#callListeners.add(listener);
    return () => this.#callListeners.delete(listener);
  }

  /** Calls waiting or running in each account's `_async` and `_rate_limited` queue (metrics). */
  queueDepths(): { selfId: number; queue: 'async' | 'rate_limited'; depth: number }[] {
    const depths: { selfId: number; queue: 'async' | 'rate_limited'; depth: number }[] = [];
    for (const [selfId, queue] of this.#asyncQueues) depths.push({ selfId, queue: 'async', depth: queue.size });
    for (const [selfId, queue] of this.#rateQueues) depths.push({ selfId, queue: 'rate_limited', depth: queue.size });
    return depths;
  }

  /** Waits until every queued call has run (tests, clean shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#asyncQueues.values(), ...this.#rateQueues.values()].map((queue) => queue.idle()));
  }

  /** Lets every call held by a fault (no_reply, delays) finish now, so transports can close. */
  releaseHeld(): void {
    this.#closing.abort();
  }

  /**
   * Whether `envelope` stands in for an answer that never came because `releaseHeld` (or `close`)
   * let its call go: the caller should hear that Catnap is stopping, not read it as the action's
   * failure. A call let go that then ran (a delay) answers for itself and is not cut short.
   */
  wasCutShort(envelope: Envelope): boolean {
    return this.#cutShort.has(envelope);
  }

  close(): void {
    this.#closing.abort();
    for (const queue of [...this.#asyncQueues.values(), ...this.#rateQueues.values()]) queue.close();
    this.#asyncQueues.clear();
    this.#rateQueues.clear();
  }

  /** Runs a call whose name `dispatch` resolved (`resolved` undefined: no such action). */
  async #dispatch(
    selfId: number,
    action: string,
    resolved: ResolvedAction | undefined,
    params: unknown,
    meta: DispatchMeta,
    echo: unknown,
  ): Promise<Envelope> {
    const dialect = meta.dialect ?? defaultDialect;
    if (!resolved) return unknownActionEnvelope(String(action), dialect, meta.transport, echo);
    // An adapter outlives its account when a snapshot restore or reset takes the account away:
    // every action, reads included, answers that the account is gone rather than acting as nobody
    // (a pin failed on the database's foreign key; a friend list answered an empty list).
    if (!this.services.world.accounts.find(selfId)) return this.#failure(fail.callerNotFound(selfId), resolved, meta, echo);
    // The dialect picks the params, handler and result shape (NapCat's unless the action declares otherwise).
    const runner = resolved.runner(dialect);
    const streaming = resolved.spec.stream === true;
    let parsed: unknown;
    try {
      parsed = runner.validator.parse(params);
    } catch (error) {
      const envelope = this.#failure(error, resolved, meta, echo);
      // NapCat's WebSocket handler refuses a stream action's params as a stream failure; its HTTP
      // handler as an ordinary one (OneBotAction.ts: websocketHandle passes useStream, handle does not).
      return streaming && isWebSocketTransport(meta.transport) ? asStreamEnvelope(envelope) : envelope;
    }
    const ctx = this.#context(selfId, meta, echo, streaming);
    if (resolved.mode === 'direct') {
      let envelope: Envelope;
      try {
        envelope = ok(await runner.run(ctx, parsed), echo);
      } catch (error) {
        envelope = this.#failure(error, resolved, meta, echo);
      }
      return streaming ? asStreamEnvelope(envelope) : envelope;
    }
    const queue = this.#queueFor(selfId, resolved.mode);
    const accepted = queue.push(async () => {
      try {
        await runner.run(ctx, parsed);
      } catch (error) {
        const { internal } = describeFailure(error);
        this.#logger[internal ? 'error' : 'info']({ err: error, action: resolved.calledAs, selfId }, 'queued action failed');
      }
    });
    if (!accepted) {
      return failed(protocolErrors.QUEUE_FULL.retcode, `too many queued calls for account ${selfId}; try again later`, echo);
    }
    return queued(echo);
  }

  /** The fault that hits this call, if any; never throws (a broken rule is logged and ignored). */
  #faultFor(selfId: number, action: string, resolved: ResolvedAction | undefined, meta: DispatchMeta): FaultVerdict | undefined {
    const gate = this.options.faults;
    if (!gate || typeof action !== 'string') return undefined;
    try {
      return gate.check(selfId, action, resolved?.spec.name, meta.transport);
    } catch (error) {
      this.#logger.error({ err: error, action, selfId }, 'fault check failed; the call runs normally');
      return undefined;
    }
  }

  /** Applies a fault to a call (see runUnderFault); the stand-ins are NapCat's envelopes. */
  #withFault(verdict: FaultVerdict, run: () => Promise<Envelope>, meta: DispatchMeta, echo: unknown): Promise<Envelope> {
    const signal = meta.signal ? AbortSignal.any([meta.signal, this.#closing.signal]) : this.#closing.signal;
    return runUnderFault(
      verdict.effect,
      run,
      { signal, disconnect: meta.disconnect },
      {
        failed: () => {
          const failure = verdict.failure!;
          return {
            status: 'failed',
            retcode: failure.retcode,
            data: null,
            message: failure.message,
            wording: failure.wording,
            echo: echo ?? null,
          };
        },
        noReply: () => this.#letGo(failed(protocolErrors.INTERNAL.retcode, 'no reply (fault)', echo)),
        disconnected: () => failed(protocolErrors.INTERNAL.retcode, 'connection closed (fault)', echo),
      },
    );
  }

  /** Marks a held call's stand-in answer as cut short when it was the stop, not its caller, that let it go. */
  #letGo(envelope: Envelope): Envelope {
    if (this.#closing.signal.aborted) this.#cutShort.add(envelope);
    return envelope;
  }

  #context(selfId: number, meta: DispatchMeta, echo: unknown, streaming = false): ActionContext {
    return new CallContext(this.#contextHost, selfId, meta, echo, streaming);
  }

  #failure(error: unknown, resolved: ResolvedAction, meta: DispatchMeta, echo: unknown): Envelope {
    const { retcode, message, internal } = describeFailure(error);
    if (internal) this.#logger.error({ err: error, action: resolved.calledAs }, 'action failed unexpectedly');
    // A send QQ's limits refused: NapCat's generic failure, whose retcode depends on the transport.
    if (error instanceof WorldError && error.code === 'SEND_REFUSED') return failed(napcatFailureRetcode(meta.transport), message, echo);
    return failed(retcode, message, echo);
  }

  #queueFor(selfId: number, mode: 'async' | 'rate_limited'): ActionQueue {
    const queues = mode === 'async' ? this.#asyncQueues : this.#rateQueues;
    let queue = queues.get(selfId);
    if (!queue) {
      const interval = mode === 'async' ? 0 : (this.options.rateLimitIntervalMs ?? 500);
      queue = new ActionQueue(interval, this.options.queueLimit ?? 1000);
      queues.set(selfId, queue);
    }
    return queue;
  }
}

/**
 * A stream action's answer, its last packet. A failure's data is NapCat's error packet rather than
 * null (OB11Response.error with useStream), so a client that reads `data.type` of every packet of
 * the call sees the failure instead of tripping over null.
 */
function asStreamEnvelope(envelope: Envelope): Envelope {
  return envelope.status === 'failed'
    ? withStream(envelope, 'stream-action', { type: 'error', data_type: 'error' })
    : withStream(envelope, 'stream-action');
}
