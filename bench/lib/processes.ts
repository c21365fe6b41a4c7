import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchTempDir } from './temp-dirs.js';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/** Resident set size of a process in MiB, from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error('timed out');
}

export interface RunningProcess {
  readonly proc: ChildProcess;
  readonly pid: number;
  output(): string;
  stop(): Promise<void>;
}

export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): RunningProcess {
  const proc = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return {
    proc,
    pid: proc.pid!,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

export interface BenchWorld {
  readonly dataDir: string;
  readonly worldFile: string;
  readonly ports: { readonly httpA: number; readonly wsA: number; readonly wsB: number; readonly webui: number };
}

/**
 * A world for the benchmarks: bot A (10001) with an HTTP API and a WebSocket server, bot B (10002)
 * with a WebSocket server, both in group 40001 with 200 simulated members.
 */
export async function benchWorld(basePort: number): Promise<BenchWorld> {
  const dataDir = await benchTempDir('catnap-bench-');
  const ports = { httpA: basePort, wsA: basePort + 1, wsB: basePort + 2, webui: basePort + 3 };
  const people = Array.from({ length: 200 }, (_, i) => ({ user_id: 50000 + i, nickname: `Member ${i}` }));
  const world = {
    accounts: [
      {
        user_id: 10001,
        nickname: 'Bench A',
        bot: true,
        onebot: {
          network: {
            httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port: ports.httpA }],
            websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: ports.wsA, heartInterval: 0 }],
          },
        },
      },
      {
        user_id: 10002,
        nickname: 'Bench B',
        bot: true,
        onebot: { network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: ports.wsB, heartInterval: 0 }] } },
      },
      ...people,
    ],
    groups: [{ group_id: 40001, group_name: 'Bench', owner_id: 10001, members: [10002, ...people.map((p) => p.user_id)] }],
  };
  const worldFile = join(dataDir, 'world.json');
  await writeFile(worldFile, JSON.stringify(world));
  return { dataDir, worldFile, ports };
}

/** The admin API token of every Catnap the benchmarks start. */
export const benchWebuiToken = 'bench-token';

/**
 * `node` and its arguments up to `catnap start`, as `npm start` runs it (one V8 helper thread; see
 * the README's Benchmarks), for every Catnap the bench starts. `CATNAP_NODE_FLAGS` come after, so
 * they can override it.
 */
export function catnapStart(): string[] {
  const flags = process.env.CATNAP_NODE_FLAGS ? process.env.CATNAP_NODE_FLAGS.split(' ') : [];
  return ['--v8-pool-size=1', ...flags, 'bin/catnap.js', 'start'];
}

/** Starts the built CLI on a bench world and waits until its HTTP API answers. */
export async function startCatnap(world: BenchWorld): Promise<RunningProcess & { startMs: number }> {
  const started = performance.now();
  const running = runNode(
    [
      ...catnapStart(),
      '--data',
      world.dataDir,
      '--world',
      world.worldFile,
      '--webui-port',
      String(world.ports.webui),
      '--webui-token',
      benchWebuiToken,
    ],
    {
      CATNAP_LOG_LEVEL: 'warn',
    },
  );
  await waitFor(async () => (await fetch(`http://127.0.0.1:${world.ports.httpA}/get_login_info`)).ok, 120_000);
  return { ...running, startMs: performance.now() - started };
}
