import { describe, expect, it } from 'vitest';
import type { NewMessage } from '../../src/world/store/message-store.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { UnitCache, UnitJournal } from '../../src/world/store/sqlite/unit-journal.js';
import { openDatabase } from '../../src/world/store/sqlite/database.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/**
 * The message repository keeps the records it stored or read last (a bot's answer quotes the
 * message it answers). Whatever a unit of work does, a record read back is the committed one.
 */
const sqliteOf = async () => {
  const base = await memoryWorld(smallWorld);
  return { ...base, store: base.world.store as SqliteWorldStore };
};

const said = (text: string): NewMessage => ({
  conversation: { type: 'group', groupId: 30001 },
  time: 1_700_000_000,
  senderId: 20001,
  targetId: 0,
  tempGroupId: 0,
  elements: [{ kind: 'text', text }],
  replyTo: 0,
  random: 1,
});

const stored = { files: [], forwards: [] };

describe('recently stored messages', () => {
  it('are read back as stored, and a message stored by a unit that rolled back is never served', async () => {
    const { store } = await sqliteOf();
    const kept = await store.transaction(() => store.messages.insert(said('kept'), stored));
    expect(store.messages.get(kept.messageId)).toBe(kept);
    const undone = store.transaction(() => {
      const message = store.messages.insert(said('undone'), stored);
      expect(store.messages.get(message.messageId)?.elements).toEqual([{ kind: 'text', text: 'undone' }]);
      throw new Error(`roll back ${message.messageId}`);
    });
    const error = await undone.catch((caught: Error) => caught);
    const undoneId = Number(/roll back (\d+)/.exec(error.message)![1]);
    expect(store.messages.get(undoneId)).toBeUndefined();
    // SQLite hands the rolled-back id out again: it must read as the new message.
    const next = await store.transaction(() => store.messages.insert(said('next'), stored));
    expect(next.messageId).toBe(undoneId);
    expect(store.messages.get(undoneId)?.elements).toEqual([{ kind: 'text', text: 'next' }]);
  });

  it('read as recalled once recalled, and as before when the recall rolled back', async () => {
    const { store } = await sqliteOf();
    const message = await store.transaction(() => store.messages.insert(said('hello'), stored));
    const failed = store.transaction(() => {
      expect(store.messages.markRecalled(message.messageId, 20001, 1_700_000_100).recalled).toBe(true);
      expect(store.messages.get(message.messageId)?.recalled).toBe(true);
      throw new Error('roll back the recall');
    });
    await expect(failed).rejects.toThrow('roll back the recall');
    expect(store.messages.get(message.messageId)).toMatchObject({ recalled: false, recalledBy: 0 });
    await store.transaction(() => store.messages.markRecalled(message.messageId, 20001, 1_700_000_100));
    expect(store.messages.get(message.messageId)).toMatchObject({ recalled: true, recalledBy: 20001, recallTime: 1_700_000_100 });
    expect(store.messages.getMany([message.messageId]).get(message.messageId)?.recalled).toBe(true);
  });

  it('are forgotten when their batch fails to commit', async () => {
    const { store } = await sqliteOf();
    const lost = store.transaction(() => store.messages.insert(said('lost'), stored));
    // A row breaking a foreign key checked at the commit fails the whole batch (see failed-commit.test.ts).
    const broken = store.transaction(() => {
      store.db.pragma('defer_foreign_keys = ON');
      store.db.prepare("INSERT INTO account_health (user_id, state, message, since) VALUES (99999, 'offline', '', 0)").run();
    });
    const settled = await Promise.allSettled([lost, broken]);
    expect(settled.map((each) => each.status)).toEqual(['rejected', 'rejected']);
    expect(store.messages.get(1)).toBeUndefined();
    expect(store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('are as many as the limit: older ones are read from the table again', async () => {
    const { store } = await sqliteOf();
    const first = await store.transaction(() => store.messages.insert(said('first'), stored));
    await store.transaction(() => {
      for (let i = 0; i < 600; i++) store.messages.insert(said(`chat ${i}`), stored);
    });
    const again = store.messages.get(first.messageId);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('UnitCache with a limit', () => {
  it('lets go of the entries put in first', () => {
    const journal = new UnitJournal(openDatabase(':memory:', []));
    const cache = new UnitCache<number, string>(journal, 2);
    cache.remember(1, 'one');
    cache.remember(2, 'two');
    cache.remember(1, 'one again');
    cache.remember(3, 'three');
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([undefined, 'two', 'three']);
  });
});
