import { benchWorld, rssMiB, startCatnap } from '../lib/processes.js';

/** How long after its start a Catnap is read as idle. */
export const idleAfterMs = 45_000;

/** What an idle Catnap holds: its RSS just after the start, and once idle. */
export interface IdleRss {
  readonly justStartedMiB: number;
  readonly idleMiB: number;
}

/**
 * Idle RSS, read from a Catnap of its own that does nothing after it starts (on a data folder
 * whose world a first start applied, as any restart). The start leaves transients behind for
 * a while: V8 grows the young generation to its largest while the start allocates fast, and
 * gives it back only when a later collection finds allocation slow; a WAL checkpoint thread
 * started by the start's writes leaves after 30 s without any. On the reference machine the RSS
 * falls from about 128 to 95 MiB between 20 and 35 s after the start, so it is read at
 * `idleAfterMs`; the reading 2 s after the start is reported beside it.
 *
 * It runs beside the other scenarios to spare the bench the wait: an idle process takes no CPU.
 * `start` answers once it listens; `result` reads the RSS once the time has come and stops it.
 */
export async function startIdleRss(basePort: number): Promise<{ result(): Promise<IdleRss> }> {
  const world = await benchWorld(basePort);
  const first = await startCatnap(world);
  await first.stop();
  const catnap = await startCatnap(world);
  const startedAt = performance.now();
  const sleepUntil = (sinceStartMs: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + sinceStartMs - performance.now())));
  const justStarted = sleepUntil(2_000).then(() => rssMiB(catnap.pid));
  return {
    async result() {
      try {
        const justStartedMiB = await justStarted;
        await sleepUntil(idleAfterMs);
        return { justStartedMiB, idleMiB: await rssMiB(catnap.pid) };
      } finally {
        await catnap.stop();
      }
    },
  };
}
