import type { FaultPreset } from '../../contract/fault-rule.js';
import type { FaultEffect, FaultFired, FaultRule, HealthState } from '../../world/faults/fault-model.js';
import { FaultRuleMatcher } from '../../world/faults/fault-matcher.js';
import type { World } from '../../world/world.js';
import { milkyProtocolErrors } from '../error-catalogue.js';

/**
 * Milky API calls come over HTTP only (`POST /api/:api`); the transcript names the transport `milky`
 * too. WebHook events are `milky` as well: a rule tells them from calls by `event`.
 */
export const milkyTransport = 'milky';

/** What happens to one Milky call: a rule's effect, or the account's health. */
export interface MilkyFaultVerdict {
  /** The rule that fired (null when the account's health decided). */
  readonly ruleId: number | null;
  readonly effect: FaultEffect;
  /** For `fail`: the reply's fields. */
  readonly failure?: { readonly retcode: number; readonly message: string };
  /** Why, for the live log ("fault rule 3", "account offline"). */
  readonly reason: string;
}

export interface MilkyFaultGateOptions {
  /** How long a zombie's changes hang before they fail (catnap.json `faults.sendTimeoutMs`; NapCat's 10 s by default). */
  readonly sendTimeoutMs?: number;
  /** Told when a listener of fired rules (`world.faults.onFired`) throws (the call goes on regardless). */
  readonly onListenerError?: (error: unknown) => void;
}

/** NapCat's `timeout.baseTimeout`, which Catnap uses for every protocol's zombie. */
const defaultSendTimeoutMs = 10_000;

/**
 * What each preset looks like to a Milky bot. The presets are QQ's failures (docs/faults.md);
 * NapCat's envelope texts are NapCat's own, so a Milky reply carries what QQ's kernel said
 * (`errMsg`) where it says something, and Catnap's words where it says nothing (a timeout).
 */
const presetFailures: Record<FaultPreset, { retcode: number; message: string }> = {
  risk_control: { retcode: milkyProtocolErrors.QQ_FAILED.retcode, message: 'timed out: QQ accepted the message but never sent it' },
  send_timeout: { retcode: milkyProtocolErrors.QQ_FAILED.retcode, message: 'timed out: QQ never answered' },
  not_member: { retcode: milkyProtocolErrors.QQ_FAILED.retcode, message: '发送失败，你已被移出该群，请重新加群。' },
  logged_out: { retcode: milkyProtocolErrors.NOT_LOGGED_IN.retcode, message: 'not logged in: 网络连接异常!' },
  rich_media_failed: { retcode: milkyProtocolErrors.QQ_FAILED.retcode, message: 'rich media transfer failed' },
};

/**
 * Decides, for each Milky call, whether a fault hits it, with the same rules and health the OneBot
 * side obeys (docs/faults.md), so a bot put offline or under a rule fails whichever protocol it
 * speaks. Rules match the API's name as called (`send_group_message`; a glob such as `send_*`
 * matches both protocols' sends) over the transport `milky`; then the account's health: logged
 * out, changes answer -403; zombie, changes hang until the send timeout and fail. Reads (`get_*`)
 * always answer, as LLBot answers them from its caches.
 */
export class MilkyFaultGate {
  readonly #matcher: FaultRuleMatcher;

  constructor(
    private readonly world: World,
    private readonly options: MilkyFaultGateOptions = {},
  ) {
    // The same seeded source OneBot's probability rules draw from: with --seed, runs repeat.
    this.#matcher = new FaultRuleMatcher(world.faults, () => world.random.int(0, 0xffff_ffff) / 0x1_0000_0000);
  }

  get sendTimeoutMs(): number {
    return this.options.sendTimeoutMs ?? defaultSendTimeoutMs;
  }

  /** The fault for a call of `api` as `selfId`, or undefined. */
  check(selfId: number, api: string): MilkyFaultVerdict | undefined {
    // Every call comes here: with no rules (the usual case) nothing is built for it.
    if (this.world.faults.list().length > 0) {
      const rule = this.#matcher.firstHit(
        (each) => each.event === null && (each.action === null || this.#matcher.matches(each.action, api)),
        selfId,
        milkyTransport,
      );
      if (rule) return this.#fired(verdictOf(rule), selfId, { action: api });
    }
    const health = this.world.health.get(selfId);
    if (!health || isRead(api)) return undefined;
    if (health.state === 'zombie') {
      return {
        ruleId: null,
        reason: 'account is a zombie',
        effect: { type: 'fail', preset: 'send_timeout', delay_ms: this.sendTimeoutMs },
        failure: presetFailures.send_timeout,
      };
    }
    return {
      ruleId: null,
      reason: `account ${health.state}`,
      effect: { type: 'fail', preset: 'logged_out' },
      failure: { retcode: milkyProtocolErrors.NOT_LOGGED_IN.retcode, message: loggedOutMessage(selfId, health.state, health.message) },
    };
  }

  /**
   * The fault for an event (named by its `event_type`: `message_receive`, `group_member_increase`)
   * POSTed to `selfId`'s WebHooks, as OneBot's rules on events act on its HTTP POST targets only
   * (docs/faults.md): the event streams (WebSocket, SSE) are not affected.
   */
  checkEvent(selfId: number, eventType: string): MilkyFaultVerdict | undefined {
    // Every event comes here: with no rule on events (the usual case) nothing is built for it.
    if (!this.world.faults.list().some((rule) => rule.event !== null)) return undefined;
    const rule = this.#matcher.firstHit(
      (each) => each.event !== null && this.#matcher.matches(each.event, eventType),
      selfId,
      milkyTransport,
    );
    return rule && this.#fired(verdictOf(rule), selfId, { event: eventType });
  }

  /**
   * Why a new event client (WebSocket or SSE on `<prefix>/event`) is refused now, if it is: the
   * account was kicked, so it cannot get in until it is online again, as OneBot's servers refuse it.
   */
  refusal(selfId: number): string | undefined {
    return this.world.health.state(selfId) === 'kicked' ? 'the account was kicked offline' : undefined;
  }

  /** Tells the world's listeners (the transcript, the console's live log) that a rule hit this call or event, before it answers. */
  #fired(
    verdict: MilkyFaultVerdict & { ruleId: number },
    selfId: number,
    target: { action: string } | { event: string },
  ): MilkyFaultVerdict {
    if (!this.world.faults.firedHeard) return verdict;
    const fired: FaultFired = {
      ruleId: verdict.ruleId,
      selfId,
      ...target,
      transport: milkyTransport,
      effect: verdict.effect.type,
      ...(verdict.failure && { retcode: verdict.failure.retcode }),
      time: this.world.clock.nowMs(),
    };
    this.world.faults.announceFired(fired, this.options.onListenerError);
    return verdict;
  }
}

function verdictOf(rule: FaultRule): MilkyFaultVerdict & { ruleId: number } {
  const { effect } = rule;
  const reason = `fault rule ${rule.id}`;
  if (effect.type !== 'fail') return { ruleId: rule.id, effect, reason };
  const base = effect.preset ? presetFailures[effect.preset] : undefined;
  return {
    ruleId: rule.id,
    effect,
    reason,
    // The rule's own fields win; Milky has no `wording`, so a rule's is not used here.
    failure: {
      retcode: effect.retcode ?? base?.retcode ?? milkyProtocolErrors.QQ_FAILED.retcode,
      message: effect.message ?? base?.message ?? 'fault injected by Catnap',
    },
  };
}

function loggedOutMessage(selfId: number, state: Exclude<HealthState, 'online' | 'zombie'>, notice: string): string {
  return `not logged in: QQ logged account ${selfId} out (${state})${notice ? `: ${notice}` : ''}`;
}

/** Milky's APIs that only read are its `get_*` ones (every other API changes something, a read mark included). */
export function isRead(api: string): boolean {
  return api.startsWith('get_');
}
