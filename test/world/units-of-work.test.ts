import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WorldError } from '../../src/world/errors.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { worldDigest } from '../helpers/messages.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

const sqliteOf = async () => {
  const base = await memoryWorld(smallWorld);
  return { ...base, store: base.world.store as SqliteWorldStore };
};

describe('units of work', () => {
  it('refuse writes outside a unit, promises as units, and units inside units', async () => {
    const { store } = await sqliteOf();
    expect(() => store.groups.update(30001, { name: 'sneaky' })).toThrow(/outside a unit of work/);
    expect(store.groups.get(30001)?.name).toBe('Lounge');
    await expect(store.transaction(async () => undefined)).rejects.toThrow(/must be synchronous/);
    await expect(store.transaction(() => store.transaction(() => 1))).rejects.toThrow(/inside a unit of work/);
  });

  it('roll back everything a failing unit wrote, its cached reads included, and send none of its events', async () => {
    const { world, store, events } = await sqliteOf();
    const failing = world.transaction((tx) => {
      world.groups.renameIn(tx, 'world', 30001, 'Renamed');
      world.accounts.updateIn(tx, 20001, { nickname: 'Changed' });
      world.groups.addMemberIn(tx, 30002, 20003);
      store.members.update(30001, 20002, { role: 'admin' });
      store.groupMsgMasks.set(20002, 30001, 3);
      // Read back inside the unit: the caches now hold the unit's values...
      expect(store.groups.get(30001)?.name).toBe('Renamed');
      expect(store.members.get(30001, 20002)?.role).toBe('admin');
      expect(store.groupMsgMasks.ownersWith(30001, 3)).toEqual([20002]);
      expect(store.members.userIds(30002)).toContain(20003);
      throw new WorldError('CONFLICT', 'changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    // ...and forget them with the rollback.
    expect(world.groups.require(30001).name).toBe('Lounge');
    expect(world.accounts.require(20001).nickname).toBe('Alice');
    expect(world.groups.memberIds(30002)).not.toContain(20003);
    expect(world.groups.memberCount(30002)).toBe(2);
    expect(world.groups.requireMember(30001, 20002).role).toBe('member');
    expect(store.groupMsgMasks.ownersWith(30001, 3)).toEqual([]);
    expect(events).toEqual([]);
  });

  it('send events only after the commit, in the order the units committed', async () => {
    const { world, events } = await sqliteOf();
    const renamed = world.groups.rename('world', 30001, 'Salon');
    const joined = world.groups.addMember(30002, 20003);
    expect(events).toEqual([]);
    await Promise.all([renamed, joined]);
    expect(events.map((event) => event.type)).toEqual(['group.name_changed', 'group.updated', 'member.joined']);
  });

  it('answer a constraint that states a rule with its world error, not an internal one', async () => {
    const { world, store } = await sqliteOf();
    const member = world.groups.requireMember(30001, 20002);
    const duplicate = store.transaction(() => store.members.insert(member));
    await expect(duplicate).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const secondOwner = store.transaction(() => store.members.update(30001, 20002, { role: 'owner' }));
    await expect(secondOwner).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(world.groups.requireMember(30001, 20002).role).toBe('member');
  });

  it('apply a world file all or nothing', async () => {
    const { world } = await sqliteOf();
    const { applyWorldFile } = await import('../../src/world/world-file.js');
    const file = {
      accounts: [{ user_id: 20009, nickname: 'New' }],
      groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, max_member_count: 2 }],
    };
    await expect(applyWorldFile(world, file)).rejects.toMatchObject({
      name: 'WorldFileError',
      problems: ['groups.0: group 30001 would have 4 members, more than max_member_count 2'],
    });
    expect(world.accounts.find(20009)).toBeUndefined();
  });

  it('apply a world file all or nothing when a write fails part-way', async () => {
    const { world } = await sqliteOf();
    const { applyWorldFile } = await import('../../src/world/world-file.js');
    // A file the up-front checks accept: the failure comes from a write, after accounts and groups are written.
    const file = {
      accounts: [{ user_id: 20009, nickname: 'New' }],
      groups: [{ group_id: 30001, group_name: 'Salon', owner_id: 20001, cards: { 20002: 'Bobby' } }],
    };
    const before = worldDigest(world);
    const setCard = vi.spyOn(world.groups, 'setCardIn').mockImplementation(() => {
      throw new WorldError('CONFLICT', 'the card write broke');
    });
    try {
      await expect(applyWorldFile(world, file)).rejects.toMatchObject({
        name: 'WorldFileError',
        problems: ['(applying): the card write broke'],
      });
      expect(setCard).toHaveBeenCalled();
    } finally {
      setCard.mockRestore();
    }
    expect(world.accounts.find(20009)).toBeUndefined();
    expect(world.groups.require(30001).name).toBe('Lounge');
    expect(worldDigest(world)).toBe(before);
  });
});

describe('table ownership', () => {
  /** Every statement that writes a table, and the file it is in (migrations excepted). */
  function writers(): Map<string, Set<string>> {
    const found = new Map<string, Set<string>>();
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'migrations') visit(path);
          continue;
        }
        if (!entry.name.endsWith('.ts')) continue;
        const source = readFileSync(path, 'utf8');
        const tables = [
          ...source.matchAll(/\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b/g),
          ...source.matchAll(/new PatchUpdater<[^>]*>\(\s*\w+,\s*'([a-z_]+)'/g),
          ...source.matchAll(/new BulkInsert<[^>]*>\(\s*\w+,\s*\w+,\s*'([a-z_]+)'/g),
        ].map((match) => match[1]!);
        for (const table of tables) found.set(table, (found.get(table) ?? new Set()).add(path.replace(/^.*src\//, 'src/')));
      }
    };
    visit(new URL('../../src', import.meta.url).pathname);
    return found;
  }

  it('gives every table one writer, the repository that keeps its cache', () => {
    const found = writers();
    for (const [table, files] of found) {
      if (table === 'schema_migrations') continue;
      expect([...files], `table ${table} is written by more than one file`).toHaveLength(1);
      expect([...files][0], `table ${table} is written outside the SQLite repositories`).toMatch(
        /^src\/world\/store\/sqlite\/[a-z-]+-repository\.ts$|^src\/world\/store\/sqlite\/[a-z-]+-repositories\.ts$/,
      );
    }
    expect(found.get('members')).toEqual(new Set(['src/world/store/sqlite/member-repository.ts']));
    expect(found.get('accounts')).toEqual(new Set(['src/world/store/sqlite/account-repository.ts']));
    expect(found.get('groups')).toEqual(new Set(['src/world/store/sqlite/group-repository.ts']));
    expect(found.get('conversations')).toEqual(new Set(['src/world/store/sqlite/message-repository.ts']));
  });
});
