import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/util/clock.js';
import type { WorldRandom } from '../../src/util/random.js';
import { defaultSourceLimits, MediaService } from '../../src/world/media/media-service.js';
import type { DomainEvent } from '../../src/world/events.js';
import type { SpeechSynthesizer } from '../../src/world/voice/speech-synthesizer.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import type { WorldStore } from '../../src/world/store/store.js';
import { World } from '../../src/world/world.js';
import { applyWorldFile, type WorldFile } from '../../src/world/world-file.js';

/**
 * A world in an in-memory SQLite database (or the given store), with a manual clock, the given
 * randomness (a seeded `WorldRandom` makes its ids repeat) and a log of its domain events.
 */
export async function memoryWorld(file?: WorldFile, store: WorldStore = new SqliteWorldStore(':memory:'), random?: WorldRandom) {
  const clock = new ManualClock();
  // Tests serve their media from local HTTP servers: downloads from loopback must be allowed.
  const media = new MediaService(mkdtempSync(join(tmpdir(), 'catnap-media-test-')), { ...defaultSourceLimits, allowPrivateNetworks: true });
  const world = new World({
    store,
    clock,
    media,
    random,
    onListenerError: (error) => {
      throw error;
    },
  });
  const events: DomainEvent[] = [];
  world.events.on((event) => events.push(event));
  if (file) await applyWorldFile(world, file);
  events.length = 0;
  return { world, clock, events };
}

/**
 * smallWorld in memory over a media store of its own folder that takes at most `maxBytes` a
 * source: what the size limits are tested on. `mediaDir` is that folder, for `storedFiles`.
 * `speech` stands in for espeak-ng where a test makes AI voice without it.
 */
export async function limitedMediaWorld(maxBytes: number, options: { speech?: SpeechSynthesizer } = {}) {
  const mediaDir = mkdtempSync(join(tmpdir(), 'catnap-media-limit-'));
  const media = new MediaService(mediaDir, { ...defaultSourceLimits, maxBytes });
  const world = new World({ store: new SqliteWorldStore(':memory:'), clock: new ManualClock(), media, speech: options.speech });
  await applyWorldFile(world, smallWorld);
  return { world, mediaDir };
}

/** Every file under a media folder, blobs and leftovers alike, by name. */
export function storedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

/** Bot 10001 with a OneBot `network` config (NapCat's format), as a world file account. */
export function botAccount(network: Record<string, unknown[]>) {
  return { user_id: 10001, nickname: 'Bot', bot: true, onebot: { network } };
}

/** Two bots, three people, friendships, and a group with owner/admin/members. */
export const smallWorld: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Bot A', bot: true },
    { user_id: 10002, nickname: 'Bot B', bot: true },
    { user_id: 20001, nickname: 'Alice', sex: 'female', age: 20 },
    { user_id: 20002, nickname: 'Bob', sex: 'male', age: 30 },
    { user_id: 20003, nickname: 'Carol' },
  ],
  friends: [
    { user_id: 10001, friend_id: 20001, category: 'Friends', remark: 'alice' },
    { user_id: 10002, friend_id: 20002 },
  ],
  groups: [
    { group_id: 30001, group_name: 'Lounge', owner_id: 20001, admins: [10001], members: [20002, 20003] },
    { group_id: 30002, group_name: 'Lab', owner_id: 10002, members: [20001] },
  ],
};
