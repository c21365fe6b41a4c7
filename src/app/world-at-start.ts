import { createHash } from 'node:crypto';
import { applyWorldFile, recordAppliedDigest, type ApplySummary } from '../world/world-file.js';
import type { World } from '../world/world.js';
import { parseWorldFileText, readWorldFileBytes } from './world-file-reader.js';
import { catnapApplyOptions } from './world-validation.js';

/** Where an applied file's protocol configs go (`data/config/onebot11_<uin>.json`, `milky_<uin>.json`). */
export interface ConfigWriters {
  readonly onebot: (userId: number, config: unknown) => Promise<unknown>;
  readonly milky: (userId: number, config: unknown) => Promise<unknown>;
}

export type WorldAtStart =
  | { readonly outcome: 'applied'; readonly summary: ApplySummary }
  /** The same file (byte for byte) as the last one applied at start: nothing was read or written. */
  | { readonly outcome: 'unchanged' };

/**
 * `catnap start --world FILE`: the one function that brings a world file into a starting Catnap.
 *
 * The file's digest is kept in the world once it has been applied and its configs written. A
 * restart with the same file skips it: applying 100,000 accounts again would take seconds to
 * change nothing, and the world keeps what happened since (a bot's kick stays a kick). Any
 * change to the file applies all of it, idempotently, as `POST /api/world/apply` does. A refused
 * file throws `WorldFileError` and leaves the world as it was.
 */
export async function applyWorldFileAtStart(world: World, path: string, writers: ConfigWriters): Promise<WorldAtStart> {
  const bytes = await readWorldFileBytes(path);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (world.store.worldFiles.lastDigest() === digest) return { outcome: 'unchanged' };
  // Nobody listens yet (adapters, Milky, the console and the transcript start after this): one
  // summary event rather than one per account, member and friendship.
  const summary = await applyWorldFile(world, parseWorldFileText(path, bytes), { ...catnapApplyOptions, announce: 'summary' });
  for (const { userId, config } of summary.onebot) await writers.onebot(userId, config);
  for (const { userId, config } of summary.milky) await writers.milky(userId, config);
  // Only now: a start that stopped before writing the configs applies the file again next time.
  await recordAppliedDigest(world, digest);
  return { outcome: 'applied', summary };
}
