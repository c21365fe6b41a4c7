import { now, transaction, type ServiceContext, type Tx } from '../services/context.js';
import type { FaultFired, FaultRule, NewFaultRule } from './fault-model.js';

/**
 * The fault rules of the world (docs/faults.md). The world only keeps them; the protocol layer
 * decides which call a rule hits. Reads come from memory, because every call asks: the list is
 * loaded once and kept in step with each change after it commits.
 */
export class FaultService {
  #rules: FaultRule[] | undefined;
  /** Restores so far: a hit taken before one is not stored after it (see `hit`). */
  #restores = 0;
  readonly #firedListeners = new Set<(fired: FaultFired) => void>();

  constructor(private readonly ctx: ServiceContext) {
    // A batch that failed to commit took back the hits counted here ahead of it, and a unit in it
    // may have read rules into memory that were never stored: the database says what holds.
    ctx.store.onForget(() => (this.#rules = undefined));
    // A change made inside someone else's unit (a world file) announces itself; reload then.
    // A restored snapshot replaced the table wholesale: the rules it kept are the rules now.
    ctx.bus.on((event) => {
      if (event.type === 'faults.changed') this.#reload();
      else if (event.type === 'world.restored') {
        this.#rules = undefined;
        this.#restores++;
      }
    });
  }

  /** Every rule, oldest first. */
  list(): readonly FaultRule[] {
    return (this.#rules ??= this.ctx.store.faults.list());
  }

  find(id: number): FaultRule | undefined {
    return this.list().find((rule) => rule.id === id);
  }

  add(rule: Omit<NewFaultRule, 'createdAt'>): Promise<FaultRule> {
    return transaction(this.ctx, (tx) => this.addIn(tx, rule));
  }

  /** `add` inside a unit of work (the world file's `faults:`). */
  addIn(tx: Tx, rule: Omit<NewFaultRule, 'createdAt'>): FaultRule {
    const stored: NewFaultRule = { ...rule, createdAt: now(this.ctx) };
    const id = this.ctx.store.faults.insert(stored);
    tx.emit({ type: 'faults.changed', audience: [] });
    return { ...stored, id, fired: 0 };
  }

  remove(id: number): Promise<boolean> {
    return transaction(this.ctx, (tx) => {
      const removed = this.ctx.store.faults.remove(id);
      if (removed) tx.emit({ type: 'faults.changed', audience: [] });
      return removed;
    });
  }

  clear(): Promise<number> {
    return transaction(this.ctx, (tx) => {
      const removed = this.ctx.store.faults.clear();
      tx.emit({ type: 'faults.changed', audience: [] });
      return removed;
    });
  }

  /**
   * Takes one hit of rule `id`: synchronous, so two calls racing for a rule's last hit never both
   * get it. Answers the rule as it was before the hit, or undefined when it has no hits left. The
   * count is stored by the returned promise's unit.
   */
  hit(id: number): { rule: FaultRule; stored: Promise<void> } | undefined {
    const rules = this.list();
    const index = rules.findIndex((rule) => rule.id === id);
    const rule = rules[index];
    if (!rule || rule.timesLeft === 0) return undefined;
    const after: FaultRule = { ...rule, fired: rule.fired + 1, timesLeft: rule.timesLeft === null ? null : rule.timesLeft - 1 };
    this.#rules = rules.map((each, i) => (i === index ? after : each));
    // The store counts the hit by rule id: a rule removed meanwhile is simply not there to count.
    // A restore that lands first (units queued then run after it, on the restored world) brought
    // back the rule as the snapshot kept it: the counts worked out here would overwrite those.
    const restores = this.#restores;
    const stored = transaction(this.ctx, () => {
      if (this.#restores === restores) this.ctx.store.faults.recordHit(id, after.fired, after.timesLeft);
    });
    return { rule, stored };
  }

  /**
   * Hears every rule that fires, whichever protocol's gate it fired in (the rules are the world's,
   * so the transcript and the console's live log hear OneBot's and Milky's alike); returns the
   * unsubscribe.
   */
  onFired(listener: (fired: FaultFired) => void): () => void {
    this.#firedListeners.add(listener);
    return () => this.#firedListeners.delete(listener);
  }

  /** Whether anyone hears fired rules: a gate builds no FaultFired for nobody. */
  get firedHeard(): boolean {
    return this.#firedListeners.size > 0;
  }

  /**
   * Tells every `onFired` listener that a rule fired (a protocol's gate, once it knows what the hit
   * looks like to its bot). A listener that throws is handed to `onError`: the call goes on regardless.
   */
  announceFired(fired: FaultFired, onError?: (error: unknown) => void): void {
    for (const listener of this.#firedListeners) {
      try {
        listener(fired);
      } catch (error) {
        onError?.(error);
      }
    }
  }

  /** Reloads from the store, keeping hits taken in memory whose unit has not committed yet. */
  #reload(): void {
    const taken = new Map((this.#rules ?? []).map((rule) => [rule.id, rule]));
    this.#rules = this.ctx.store.faults.list().map((rule) => {
      const mine = taken.get(rule.id);
      if (!mine || mine.fired <= rule.fired) return rule;
      return { ...rule, fired: mine.fired, timesLeft: mine.timesLeft };
    });
  }
}
