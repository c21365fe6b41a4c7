import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MediaService } from '../../src/world/media/media-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { World } from '../../src/world/world.js';
import { summarize, type Summary } from '../lib/stats.js';
import { benchTempDir } from '../lib/temp-dirs.js';

/**
 * Restoring a snapshot of a world holding `messages` messages (in 10 groups and 10 private
 * chats, sent through the real send path), after each restore a few more sends change it again,
 * so every restore has work to undo. What a test suite pays when it restores before every test.
 */
export async function snapshotRestore(messages: number, samples: number): Promise<{ messages: number; save: number; restore: Summary }> {
  const dir = await benchTempDir('catnap-bench-snapshot-');
  const store = new SqliteWorldStore(join(dir, 'catnap.db'));
  const world = new World({ store, media: new MediaService(join(dir, 'media')), snapshotDir: join(dir, 'snapshots') });
  const people = Array.from({ length: 10 }, (_, i) => 20001 + i);
  const groups = Array.from({ length: 10 }, (_, i) => 30001 + i);
  await applyWorldFile(world, {
    accounts: [{ user_id: 10001, nickname: 'Bot', bot: true }, ...people.map((user_id) => ({ user_id, nickname: `P${user_id}` }))],
    friends: people.map((friend_id) => ({ user_id: 10001, friend_id })),
    groups: groups.map((group_id) => ({ group_id, group_name: `G${group_id}`, owner_id: 20001, members: [10001, ...people.slice(1)] })),
  });
  const send = (i: number) => {
    const sender = people[i % people.length]!;
    const target = i % 2 ? { type: 'group' as const, groupId: groups[i % groups.length]! } : { type: 'private' as const, userId: 10001 };
    return world.messages.send(sender, target, { kind: 'elements', elements: [{ kind: 'text', text: `message number ${i}` }] });
  };
  for (let i = 0; i < messages; i += 500) await Promise.all(Array.from({ length: Math.min(500, messages - i) }, (_, j) => send(i + j)));

  let started = performance.now();
  await world.snapshots.save('bench');
  const save = performance.now() - started;
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => send(j)));
    started = performance.now();
    await world.snapshots.restore('bench');
    times.push(performance.now() - started);
  }
  await world.close();
  return { messages, save, restore: summarize(times) };
}
