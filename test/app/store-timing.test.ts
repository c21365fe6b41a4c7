import { describe, expect, it } from 'vitest';
import { timeStoreWrites } from '../../src/app/metrics/store-timing.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';
import type { ContentDraft } from '../../src/world/messages/draft.js';

const text = (value: string): ContentDraft => ({ kind: 'elements', elements: [{ kind: 'text', text: value }] });

/** The wrapper the app puts around the world store so that its writes are timed (catnap.ts). */
describe('timeStoreWrites', () => {
  function timedWorld() {
    const timings: { operation: string; failed: boolean }[] = [];
    const real = new SqliteWorldStore(':memory:');
    const store = timeStoreWrites(real, (operation, seconds, failed) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      timings.push({ operation, failed });
    });
    return { real, store, timings };
  }

  it('times each write through a repository once it has settled, and no read', async () => {
    const { store, timings } = timedWorld();
    const { world } = await memoryWorld(smallWorld, store);
    timings.length = 0;
    const sent = await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('hello'));
    expect(timings.map((timing) => timing.operation)).toContain('messages.insert');
    expect(timings.every((timing) => !timing.failed)).toBe(true);
    const afterSend = timings.length;
    expect(world.messages.find(sent.messageId)?.elements).toEqual(sent.elements);
    expect(store.members.get(30001, 20001)?.role).toBe('owner');
    expect(timings).toHaveLength(afterSend);
  });

  it('counts a write that throws as failed, and the caller still sees its error', async () => {
    const { store, timings } = timedWorld();
    await memoryWorld(smallWorld, store);
    timings.length = 0;
    const alice = store.accounts.get(20001)!;
    // A write outside a unit of work is refused by the real repository.
    expect(() => store.accounts.insert({ ...alice, userId: 29999 })).toThrow(/outside a unit of work/);
    expect(timings).toEqual([{ operation: 'accounts.insert', failed: true }]);
    expect(store.accounts.get(29999)).toBeUndefined();
  });

  it('stands for the real store: methods run on it, accessors read it live, instanceof holds', async () => {
    const { real, store } = timedWorld();
    await memoryWorld(smallWorld, store);
    expect(store).toBeInstanceOf(SqliteWorldStore);
    expect(store.db).toBe(real.db);
    expect(store.checkpointing).toBe(real.checkpointing);
    // A read-only repository method reaches the real repository's private state.
    expect(store.accounts.get(20001)?.nickname).toBe('Alice');
    await store.close();
    expect(() => store.saveCopy('/nonexistent/copy.db')).toThrow(/closed/);
  });
});
