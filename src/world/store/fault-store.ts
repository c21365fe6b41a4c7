import type { AccountHealth, FaultRule, NewFaultRule } from '../faults/fault-model.js';

/** Fault rules (migration 060). */
export interface FaultRepository {
  /** Every rule, oldest first. */
  list(): FaultRule[];
  /** Stores a rule and answers its id. */
  insert(rule: NewFaultRule): number;
  /** Records a hit: the new fired count and hits left. */
  recordHit(id: number, fired: number, timesLeft: number | null): void;
  remove(id: number): boolean;
  /** Removes every rule; answers how many there were. */
  clear(): number;
}

/** Accounts that are not online (migration 060). */
export interface HealthRepository {
  get(userId: number): AccountHealth | undefined;
  list(): AccountHealth[];
  put(health: AccountHealth): void;
  remove(userId: number): boolean;
}
