import { describe, expect, it } from 'vitest';
import type { ContentDraft } from '../../src/world/messages/draft.js';
import { migrate, openDatabase } from '../../src/world/store/sqlite/database.js';
import { migrations } from '../../src/world/store/migrations/index.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/**
 * What a member sent in a group, they have read: their member row keeps the seq of their last
 * message there (migration 031), and their read position is the later of it and their read mark.
 */
const text = (value: string): ContentDraft => ({ kind: 'elements', elements: [{ kind: 'text', text: value }] });
const lounge = { type: 'group', groupId: 30001 } as const;

describe("a member's read position in a group", () => {
  it("moves to the member's own message, without a read mark, and never back", async () => {
    const { world } = await memoryWorld(smallWorld);
    const store = world.store as SqliteWorldStore;
    await world.messages.send(20002, lounge, text('one'));
    await world.messages.send(20002, lounge, text('two'));
    expect(world.conversations.unreadCount(20003, lounge)).toBe(2);
    const mine = await world.messages.send(20003, lounge, text('mine'));
    expect(world.conversations.unreadCount(20003, lounge)).toBe(0);
    expect(store.messages.readSeq(20003, 'g:30001')).toBe(mine.seq);
    expect(store.db.prepare("SELECT count(*) AS n FROM read_marks WHERE conv = 'g:30001'").get()).toEqual({ n: 0 });
    await world.messages.send(20002, lounge, text('three'));
    expect(world.conversations.unreadCount(20003, lounge)).toBe(1);
    // A read mark further on wins; the member's own older message does not move it back.
    await world.conversations.markRead(20003, lounge);
    expect(world.conversations.unreadCount(20003, lounge)).toBe(0);
    expect(store.messages.readSeq(20003, 'g:30001')).toBe(mine.seq + 1);
  });

  it('outlives the membership: a member who leaves keeps it in the read marks', async () => {
    const { world } = await memoryWorld(smallWorld);
    const store = world.store as SqliteWorldStore;
    const mine = await world.messages.send(20003, lounge, text('mine'));
    await world.messages.send(20002, lounge, text('after'));
    await world.groups.leave(30001, 20003);
    expect(store.db.prepare("SELECT seq FROM read_marks WHERE user_id = 20003 AND conv = 'g:30001'").get()).toEqual({ seq: mine.seq });
    await world.groups.addMember(30001, 20003);
    expect(store.messages.readSeq(20003, 'g:30001')).toBe(mine.seq);
    expect(world.conversations.unreadCount(20003, lounge)).toBe(1);
    // A dismissed group's members keep theirs too; a later mark is never moved back by it.
    await world.messages.send(20003, lounge, text('again'));
    await world.groups.dismiss('world', 30001);
    expect(store.db.prepare("SELECT seq FROM read_marks WHERE user_id = 20003 AND conv = 'g:30001'").get()).toEqual({ seq: mine.seq + 2 });
  });

  it('takes a read mark written before the member row kept one (an older database) as it was', async () => {
    const { world } = await memoryWorld(smallWorld);
    const store = world.store as SqliteWorldStore;
    for (const word of ['one', 'two', 'three']) await world.messages.send(20002, lounge, text(word));
    store.db.prepare("INSERT INTO read_marks (user_id, conv, seq) VALUES (20003, 'g:30001', 2)").run();
    expect(world.conversations.unreadCount(20003, lounge)).toBe(1);
    await world.messages.send(20003, lounge, text('mine'));
    expect(world.conversations.unreadCount(20003, lounge)).toBe(0);
  });

  it('starts at 0 for the members of a database made before it', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((migration) => migration.version < 31),
    );
    expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('members') WHERE name = 'sent_seq'").get()).toEqual({ n: 0 });
    migrate(db, migrations);
    expect(db.prepare("SELECT dflt_value, \"notnull\" FROM pragma_table_info('members') WHERE name = 'sent_seq'").get()).toEqual({
      dflt_value: '0',
      notnull: 1,
    });
  });
});
