import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/world/store/migrations/index.js';
import { migrate } from '../../src/world/store/sqlite/database.js';
import { SqliteMessageRepository } from '../../src/world/store/sqlite/message-repository.js';
import { UnitJournal } from '../../src/world/store/sqlite/unit-journal.js';

describe('conversation list queries', () => {
  // get_recent_contact, _mark_all_as_read and the per-account send limit list an account's
  // conversations on every call: each branch must find its rows through an index, not by reading
  // every conversation of the world.
  it('read the conversations table only through its indexes', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const statements: string[] = [];
    const recording = new Proxy(db, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key, target);
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      },
    });
    new SqliteMessageRepository(recording, new UnitJournal(recording));
    const listing = statements.filter((sql) => /FROM conversations/.test(sql) && /json_each/.test(sql));
    expect(listing).toHaveLength(2); // conversationsOf and recentConversationsOf
    for (const sql of listing) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parametersOf(sql)) as { detail: string }[]).map((step) => step.detail);
      expect(plan.filter((detail) => /^SCAN (conversations|c)\b/.test(detail))).toEqual([]);
    }
    db.close();
  });
});

function parametersOf(sql: string): unknown[] {
  return sql.includes('@user') ? [{ user: 1, groups: '[1]', limit: 10 }] : [1, 1, '[1]', 10];
}
