import type { FaultEffect, FaultFired, FaultRule } from '../../world/faults/fault-model.js';
import { FaultRuleMatcher } from '../../world/faults/fault-matcher.js';
import type { World } from '../../world/world.js';
import { napcatFailureRetcode, napcatSendTimeoutMs, presetMessages } from './fault-presets.js';

/** What happens to one call or event: a rule's effect, or the account's health. */
export interface FaultVerdict {
  /** The rule that fired (absent when the account's health decided). */
  readonly ruleId: number | null;
  readonly effect: FaultEffect;
  /** For `fail`: the envelope's fields, presets resolved for the transport. */
  readonly failure?: { readonly retcode: number; readonly message: string; readonly wording: string };
  /** Why, for the live log ("rule 3", "account offline"). */
  readonly reason: string;
}

export type { FaultFired };

export interface FaultGateOptions {
  /** Uniform draws in [0, 1) from the world's seeded source (probability rules). */
  readonly random: () => number;
  /** How long a zombie's sends hang before NapCat's Timeout answer (NapCat's 10 s by default). */
  readonly sendTimeoutMs?: number;
  /** Told when an `onFired` listener throws (the call goes on regardless). */
  readonly onListenerError?: (error: unknown) => void;
}

/**
 * Decides, for each call the dispatcher receives and each event an HTTP POST target is sent,
 * whether a fault hits it: the world's fault rules first (name or glob, account, transport,
 * times, probability), then the account's health (logged out: changes fail as NapCat fails them;
 * zombie: sends hang until NapCat's timeout). Reads always answer, as NapCat answers them from
 * its caches. docs/faults.md describes every effect.
 */
export class FaultGate {
  /** The rule matching Milky's gate shares, so the two protocols cannot come to read a rule differently. */
  readonly #matcher: FaultRuleMatcher;
  readonly #refusals = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly options: FaultGateOptions,
  ) {
    this.#matcher = new FaultRuleMatcher(world.faults, options.random);
  }

  get sendTimeoutMs(): number {
    return this.options.sendTimeoutMs ?? napcatSendTimeoutMs;
  }

  /**
   * Hears every rule that fires (the transcript, the console's live log); returns the unsubscribe.
   * The rules are the world's, so this hears the rules that fire on Milky calls too (`world.faults.onFired`).
   */
  onFired(listener: (fired: FaultFired) => void): () => void {
    return this.world.faults.onFired(listener);
  }

  /** The fault for a call of `action` (`canonical`: the name it resolves to) as `selfId` over `transport`. */
  check(selfId: number, action: string, canonical: string | undefined, transport: string): FaultVerdict | undefined {
    // Every call comes here: with no rules (the usual case) nothing is built for it.
    if (this.world.faults.list().length > 0) {
      const names = canonical && canonical !== action ? [action, canonical] : [action];
      const rule = this.#matcher.firstHit(
        (each) => each.event === null && (each.action === null || names.some((name) => this.#matcher.matches(each.action!, name))),
        selfId,
        transport,
      );
      if (rule) return this.#fired(this.#verdict(rule, transport), selfId, transport, { action });
    }
    const state = this.world.health.state(selfId);
    if (state === 'online' || isRead(canonical ?? action)) return undefined;
    if (state === 'zombie') {
      return {
        ruleId: null,
        reason: 'account is a zombie',
        effect: { type: 'fail', preset: 'send_timeout', delay_ms: this.sendTimeoutMs },
        failure: failureOf('send_timeout', transport),
      };
    }
    return {
      ruleId: null,
      reason: `account ${state}`,
      effect: { type: 'fail', preset: 'logged_out' },
      failure: failureOf('logged_out', transport),
    };
  }

  /**
   * The fault for an event (named "<post_type>.<type>") posted to `selfId`'s HTTP POST targets. The
   * name may be given as a function: it is worked out only when some rule is about events.
   */
  checkEvent(selfId: number, eventName: string | (() => string), transport: string): FaultVerdict | undefined {
    if (!this.world.faults.list().some((rule) => rule.event !== null)) return undefined;
    const name = typeof eventName === 'string' ? eventName : eventName();
    const rule = this.#matcher.firstHit((each) => each.event !== null && this.#matcher.matches(each.event, name), selfId, transport);
    return rule && this.#fired(this.#verdict(rule, transport), selfId, transport, { event: name });
  }

  /** Refuses new connections to an adapter for `ms` of real time (connection chaos; a frozen world clock does not stop it). */
  refuse(selfId: number, adapter: string, ms: number): void {
    if (ms > 0) this.#refusals.set(`${selfId}/${adapter}`, Date.now() + ms);
  }

  /** Why a new connection to this adapter is refused now, if it is: the account is kicked, or the adapter was told to refuse. */
  refusal(selfId: number, adapter: string): string | undefined {
    if (this.world.health.state(selfId) === 'kicked') return 'the account was kicked offline';
    const until = this.#refusals.get(`${selfId}/${adapter}`);
    if (until === undefined) return undefined;
    if (Date.now() < until) return 'the adapter refuses connections for now';
    this.#refusals.delete(`${selfId}/${adapter}`);
    return undefined;
  }

  #fired(verdict: FaultVerdict, selfId: number, transport: string, target: { action: string } | { event: string }): FaultVerdict {
    if (!this.world.faults.firedHeard || verdict.ruleId === null) return verdict;
    const fired: FaultFired = {
      ruleId: verdict.ruleId,
      selfId,
      ...target,
      transport,
      effect: verdict.effect.type,
      ...(verdict.failure && { retcode: verdict.failure.retcode }),
      time: this.world.clock.nowMs(),
    };
    this.world.faults.announceFired(fired, this.options.onListenerError);
    return verdict;
  }

  #verdict(rule: FaultRule, transport: string): FaultVerdict {
    const { effect } = rule;
    const reason = `fault rule ${rule.id}`;
    if (effect.type !== 'fail') return { ruleId: rule.id, effect, reason };
    const base = effect.preset ? failureOf(effect.preset, transport) : undefined;
    const message = effect.message ?? base?.message ?? 'fault injected by Catnap';
    return {
      ruleId: rule.id,
      effect,
      reason,
      failure: {
        retcode: effect.retcode ?? base?.retcode ?? napcatFailureRetcode(transport),
        message,
        wording: effect.wording ?? (effect.message === undefined ? (base?.wording ?? message) : message),
      },
    };
  }
}

function failureOf(preset: keyof typeof presetMessages, transport: string) {
  const message = presetMessages[preset];
  return { retcode: napcatFailureRetcode(transport), message, wording: message };
}

/**
 * Actions that only read (get_*, can_*, check_*, fetch_*, and their NapCat-prefixed forms):
 * NapCat answers them from its caches even when QQ is unreachable.
 */
export function isRead(action: string): boolean {
  return /(^|[._])(get|can|check|fetch)_/.test(action);
}
