import picomatch from 'picomatch';
import type { FaultRule } from './fault-model.js';
import type { FaultService } from './fault-service.js';

/**
 * Finds the fault rule that hits one call or event, whatever the protocol asking (docs/faults.md):
 * the world's rules oldest first, by account, transport, the caller's own test (name or glob),
 * hits left and probability; the first that hits takes a hit and decides. What the rule's effect
 * then looks like to a bot (an envelope, a reply) is each protocol's business.
 */
export class FaultRuleMatcher {
  readonly #globs = new Map<string, (value: string) => boolean>();

  constructor(
    private readonly faults: FaultService,
    /** Uniform draws in [0, 1) from the world's seeded source (probability rules). */
    private readonly random: () => number,
  ) {}

  /** The rule that hits, after taking its hit; undefined when none does. */
  firstHit(matches: (rule: FaultRule) => boolean, selfId: number, transport: string): FaultRule | undefined {
    for (const rule of this.faults.list()) {
      if (rule.timesLeft === 0) continue;
      if (rule.selfId !== null && rule.selfId !== selfId) continue;
      if (rule.transport !== null && !this.matches(rule.transport, transport)) continue;
      if (!matches(rule)) continue;
      // Drawn only for calls the rule matches, so unrelated traffic does not shift the sequence.
      if (rule.probability !== null && !(this.random() < rule.probability)) continue;
      const hit = this.faults.hit(rule.id);
      if (!hit) continue;
      hit.stored.catch(() => undefined);
      return hit.rule;
    }
    return undefined;
  }

  /** Whether `value` matches a rule's glob (compiled once per glob). */
  matches(glob: string, value: string): boolean {
    let matcher = this.#globs.get(glob);
    if (!matcher) {
      matcher = picomatch(glob, { dot: true });
      this.#globs.set(glob, matcher);
    }
    return matcher(value);
  }
}
