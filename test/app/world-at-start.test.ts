import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catnap } from '../../src/app/catnap.js';
import { silentLogger } from '../../src/util/logger.js';
import { tempDir } from '../helpers/spawn.js';

const start = (dataDir: string, worldFile: string) =>
  Catnap.start({ dataDir, worldFile, webuiPort: 0, logger: silentLogger, watchConfig: false });

const file = {
  accounts: [
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [20002] }],
};

describe('--world at start', () => {
  it('applies the file before anyone listens, so one world.file_applied stands for its per-row events', async () => {
    const dataDir = await tempDir();
    const path = join(dataDir, 'world.json');
    await writeFile(path, JSON.stringify(file));
    const catnap = await start(dataDir, path);
    try {
      const counted = (await catnap.metrics.worldEvents.get()).values.map(({ labels, value }) => [labels.type, value]);
      expect(Object.fromEntries(counted)).toEqual({ 'world.file_applied': 1 });
      expect(catnap.world.groups.memberIds(30001)).toEqual(expect.arrayContaining([20001, 20002]));
    } finally {
      await catnap.stop();
    }
  });

  it('skips a file applied before, byte for byte, and applies a changed one in full', async () => {
    const dataDir = await tempDir();
    const path = join(dataDir, 'world.json');
    await writeFile(path, JSON.stringify(file));
    let catnap = await start(dataDir, path);
    expect(catnap.world.store.worldFiles.lastDigest()).toMatch(/^[0-9a-f]{64}$/);
    await catnap.world.groups.kick('world', 30001, 20002);
    await catnap.stop();

    // The same file: the world keeps what happened since (Bob stays kicked).
    catnap = await start(dataDir, path);
    expect(catnap.world.groups.findMember(30001, 20002)).toBeUndefined();
    await catnap.stop();

    // A refused file changes nothing, the digest included.
    const digest = await (async () => {
      const bad = join(dataDir, 'bad.json');
      await writeFile(bad, JSON.stringify({ ...file, friends: [{ user_id: 20001, friend_id: 20001 }] }));
      await expect(start(dataDir, bad)).rejects.toThrow(/friends\.0: an account cannot befriend itself/);
      catnap = await start(dataDir, path);
      const kept = catnap.world.store.worldFiles.lastDigest();
      expect(catnap.world.groups.findMember(30001, 20002)).toBeUndefined();
      await catnap.stop();
      return kept;
    })();

    // A changed file applies all of it: Bob is a member again, and Carol is new.
    await writeFile(path, JSON.stringify({ ...file, accounts: [...file.accounts, { user_id: 20003, nickname: 'Carol' }] }));
    catnap = await start(dataDir, path);
    expect(catnap.world.groups.findMember(30001, 20002)).toBeDefined();
    expect(catnap.world.accounts.find(20003)).toBeDefined();
    expect(catnap.world.store.worldFiles.lastDigest()).not.toBe(digest);
    await catnap.stop();
  });
});
