import { join } from 'node:path';
import { writeBigWorld } from '../lib/big-world.js';
import { catnapStart, rssMiB, runNode, waitFor } from '../lib/processes.js';
import { median } from '../lib/stats.js';
import { benchTempDir } from '../lib/temp-dirs.js';

export interface WorldFileTimes {
  readonly accounts: number;
  readonly groups: number;
  readonly memberships: number;
  readonly megabytes: number;
  /** Fresh data folder, `--world` the big file: until the banner is printed (median of `rounds`). */
  readonly firstStartMs: number;
  /** The same data folder and file again (the digest says it is unchanged). */
  readonly sameFileStartMs: number;
  /** The same data folder without `--world`. */
  readonly plainStartMs: number;
  readonly rssMiB: number;
}

/** One `catnap start` until its banner (the world is applied and everything listens); then stopped. */
async function timedStart(dataDir: string, webuiPort: number, worldFile?: string): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const running = runNode(
    [...catnapStart(), '--data', dataDir, '--webui-port', String(webuiPort), ...(worldFile ? ['--world', worldFile] : [])],
    { CATNAP_LOG_LEVEL: 'warn' },
  );
  try {
    await waitFor(async () => /OpenAPI:/.test(running.output()) || running.proc.exitCode !== null, 120_000, 2);
    if (running.proc.exitCode !== null) throw new Error(`catnap exited:\n${running.output()}`);
    const ms = performance.now() - started;
    return { ms, rss: await rssMiB(running.pid) };
  } finally {
    await running.stop();
  }
}

/**
 * Starts on the big world file (bench/lib/big-world.ts: 100,000 accounts, 10,000 groups, ten of
 * 3,000 members): a first start applies it (`rounds` of them, each on a fresh data folder); later
 * starts with the same file find it unchanged.
 */
export async function worldFileStarts(webuiPort: number, rounds: number): Promise<WorldFileTimes> {
  const dir = await benchTempDir('catnap-bench-world-');
  const worldFile = join(dir, 'big-world.json');
  const big = await writeBigWorld(worldFile);
  // Each first start on a folder of its own; a single one swung by half a second from run to run.
  const firsts: { ms: number; rss: number }[] = [];
  for (let i = 0; i < rounds; i++) firsts.push(await timedStart(join(dir, `data-${i}`), webuiPort, worldFile));
  const dataDir = join(dir, 'data-0');
  const same: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < rounds; i++) {
    same.push((await timedStart(dataDir, webuiPort, worldFile)).ms);
    plain.push((await timedStart(dataDir, webuiPort)).ms);
  }
  return {
    accounts: big.stats.accounts,
    groups: big.stats.groups,
    memberships: big.stats.memberships,
    megabytes: Math.round(big.bytes / 1e5) / 10,
    firstStartMs: Math.round(median(firsts.map((first) => first.ms))),
    sameFileStartMs: Math.round(median(same)),
    plainStartMs: Math.round(median(plain)),
    rssMiB: median(firsts.map((first) => first.rss)),
  };
}
