import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '../../util/clock.js';
import { silentLogger, type Logger } from '../../util/logger.js';
import type { WorldFile } from '../../world/world-file.js';
import { Catnap, readWorldFile } from '../catnap.js';
import { defaultWorld } from '../default-world.js';
import type { Connection } from '../remote/catnap-client.js';
import { stopOnSignal } from './stop-on-signal.js';
import { botEndpoints, prepareTestWorld, type BotEndpoints } from './test-world-file.js';

/** How to start a Catnap for tests. */
export interface LaunchOptions {
  /** A world file (JSON or YAML path) or a world object; default: the default world. */
  readonly world?: string | WorldFile;
  /** The account the bot under test logs in as; default: the world's first bot account. */
  readonly bot?: number;
  /** Data folder; default: a fresh temporary one, removed on stop. */
  readonly dataDir?: string;
  readonly logger?: Logger;
  /** Seed every value the world makes up (ids, flags, file ids), for reproducible runs. */
  readonly seed?: number;
  /** Start the world's clock frozen: `'frozen'` (now), or at a time (ISO 8601 or unix seconds). */
  readonly clock?: 'frozen' | string | number;
}

/** A Catnap started for tests on free ports, with a fresh data folder. */
export interface LaunchedCatnap {
  readonly catnap: Catnap;
  /** The admin API (URL and token) of this Catnap. */
  readonly connection: Connection;
  /** Where the bot under test connects. */
  readonly bot: BotEndpoints;
  stop(): Promise<void>;
}

function clockStartOf(clock: 'frozen' | string | number): { atMs?: number; frozen: true } {
  if (clock === 'frozen') return { frozen: true };
  const atMs = parseInstant(clock);
  if (atMs === undefined) throw new Error(`clock must be "frozen", unix seconds or an ISO 8601 time, got ${clock}`);
  return { atMs, frozen: true };
}

/**
 * Starts Catnap in this process for a test run: a fresh data folder, the web UI and every server
 * adapter on free ports (reverse transports keep the world file's addresses: the bot listens
 * there), and a forward WebSocket and HTTP server for the bot's account when its config has none.
 */
export async function launchTestCatnap(options: LaunchOptions = {}): Promise<LaunchedCatnap> {
  const world =
    options.world === undefined
      ? defaultWorld()
      : typeof options.world === 'string'
        ? ((await readWorldFile(options.world)) as WorldFile)
        : options.world;
  const prepared = prepareTestWorld(world, options.bot);
  const token = randomBytes(16).toString('hex');
  let making: Promise<string> | undefined;
  let starting: Promise<Catnap> | undefined;
  let stopped: Promise<void> | undefined;
  // From here a runner killed by SIGTERM or SIGINT would otherwise end without stop(), leaving the
  // temporary data folder in the system's temp folder (a given dataDir is the caller's and stays).
  // A signal while the folder is being made or Catnap is starting waits for that to end, then
  // stops what started and removes what was made.
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      try {
        const started = await starting?.catch(() => undefined);
        await started?.stop();
        const made = await making?.catch(() => undefined);
        if (made !== undefined) await rm(made, { recursive: true, force: true });
      } finally {
        untrack();
      }
    })();
    return stopped;
  };
  const untrack = stopOnSignal(stop);
  let catnap: Catnap;
  try {
    making = options.dataDir === undefined ? mkdtemp(join(tmpdir(), 'catnap-test-')) : undefined;
    const dataDir = options.dataDir ?? (await making!);
    const worldFile = join(dataDir, 'test-world.json');
    await writeFile(worldFile, JSON.stringify(prepared.world), { mode: 0o600 });
    // A signal meanwhile has removed the folder already: a start now would make it again.
    if (stopped) throw new Error('the test runner was stopped by a signal before Catnap started');
    starting = Catnap.start({
      dataDir,
      worldFile,
      webuiPort: 0,
      webuiToken: token,
      logger: options.logger ?? silentLogger,
      watchConfig: false,
      seedDefaultWorld: false,
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.clock !== undefined && { clockStart: clockStartOf(options.clock) }),
    });
    catnap = await starting;
  } catch (error) {
    await stop();
    throw error;
  }
  const launched: LaunchedCatnap = {
    catnap,
    connection: { url: catnap.webuiUrl, token, source: 'the Catnap this test started' },
    bot: botEndpoints(prepared.selfId, prepared.token, catnap.network.status(prepared.selfId)),
    stop,
  };
  return launched;
}
