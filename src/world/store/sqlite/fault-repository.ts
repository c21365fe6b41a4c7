import type { AccountHealth, FaultEffect, FaultRule, NewFaultRule } from '../../faults/fault-model.js';
import type { FaultRepository, HealthRepository } from '../fault-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface RuleRow {
  id: number;
  self_id: number | null;
  action: string | null;
  event: string | null;
  transport: string | null;
  times_left: number | null;
  probability: number | null;
  effect: string;
  fired: number;
  created_at: number;
}

const ruleOf = (row: RuleRow): FaultRule => ({
  id: row.id,
  selfId: row.self_id,
  action: row.action,
  event: row.event,
  transport: row.transport,
  timesLeft: row.times_left,
  probability: row.probability,
  effect: JSON.parse(row.effect) as FaultEffect,
  fired: row.fired,
  createdAt: row.created_at,
});

/** Fault rules (migration 060); the effect is stored as its JSON. */
export class SqliteFaultRepository implements FaultRepository {
  readonly #list;
  readonly #insert: WriteStatement;
  readonly #hit: WriteStatement;
  readonly #remove: WriteStatement;
  readonly #clear: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#list = db.prepare<[], RuleRow>('SELECT * FROM fault_rules ORDER BY id');
    this.#insert = journal.write(
      `INSERT INTO fault_rules (self_id, action, event, transport, times_left, probability, effect, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#hit = journal.write('UPDATE fault_rules SET fired = ?, times_left = ? WHERE id = ?');
    this.#remove = journal.write('DELETE FROM fault_rules WHERE id = ?');
    this.#clear = journal.write('DELETE FROM fault_rules');
  }

  list(): FaultRule[] {
    return this.#list.all().map(ruleOf);
  }

  insert(rule: NewFaultRule): number {
    const result = this.#insert.run(
      rule.selfId,
      rule.action,
      rule.event,
      rule.transport,
      rule.timesLeft,
      rule.probability,
      JSON.stringify(rule.effect),
      rule.createdAt,
    );
    return Number(result.lastInsertRowid);
  }

  recordHit(id: number, fired: number, timesLeft: number | null): void {
    this.#hit.run(fired, timesLeft, id);
  }

  remove(id: number): boolean {
    return this.#remove.run(id).changes > 0;
  }

  clear(): number {
    return this.#clear.run().changes;
  }
}

interface HealthRow {
  user_id: number;
  state: AccountHealth['state'];
  message: string;
  since: number;
  prev_status: number | null;
}

const healthOf = (row: HealthRow): AccountHealth => ({
  userId: row.user_id,
  state: row.state,
  message: row.message,
  since: row.since,
  prevStatus: row.prev_status,
});

/** Accounts that are not online (migration 060). */
export class SqliteHealthRepository implements HealthRepository {
  readonly #get;
  readonly #list;
  readonly #put: WriteStatement;
  readonly #remove: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number], HealthRow>('SELECT * FROM account_health WHERE user_id = ?');
    this.#list = db.prepare<[], HealthRow>('SELECT * FROM account_health ORDER BY user_id');
    this.#put = journal.write('INSERT OR REPLACE INTO account_health (user_id, state, message, since, prev_status) VALUES (?, ?, ?, ?, ?)');
    this.#remove = journal.write('DELETE FROM account_health WHERE user_id = ?');
  }

  get(userId: number): AccountHealth | undefined {
    const row = this.#get.get(userId);
    return row && healthOf(row);
  }

  list(): AccountHealth[] {
    return this.#list.all().map(healthOf);
  }

  put(health: AccountHealth): void {
    this.#put.run(health.userId, health.state, health.message, health.since, health.prevStatus);
  }

  remove(userId: number): boolean {
    return this.#remove.run(userId).changes > 0;
  }
}
