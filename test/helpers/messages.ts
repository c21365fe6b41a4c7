import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Envelope } from '../../src/onebot/envelope.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import type { World } from '../../src/world/world.js';

/** A 1x1 PNG, for image messages. */
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A digest of every row of every table: equal digests mean nothing in the world changed. */
export function worldDigest(world: World): string {
  const store = world.store as SqliteWorldStore;
  const hash = createHash('sha256');
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(name);
    for (const row of store.db.prepare(`SELECT * FROM "${name}"`).raw().all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Runs a call that must fail with `retcode` (and a message matching `message`) and change nothing. */
export async function expectRefused(
  world: World,
  call: () => Promise<Envelope>,
  retcode: number,
  message?: string | RegExp,
): Promise<Envelope> {
  const before = worldDigest(world);
  const envelope = await call();
  expect(envelope, JSON.stringify(envelope)).toMatchObject({ status: 'failed', retcode, data: null });
  if (typeof message === 'string') expect(envelope.message).toBe(message);
  else if (message) expect(envelope.message).toMatch(message);
  expect(worldDigest(world)).toBe(before);
  return envelope;
}
