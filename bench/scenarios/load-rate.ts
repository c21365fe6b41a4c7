import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadReport } from '../../src/app/load/load-report.js';
import { benchWebuiToken, runNode, startCatnap, waitFor, type BenchWorld } from '../lib/processes.js';
import { benchTempDir, removeBenchTempDir } from '../lib/temp-dirs.js';

/**
 * "Catnap is never the bottleneck": Catnap, the reference bot (bench/ping-bot.mjs) and the load
 * generator (`catnap load`, from dist/) each in their own process. The generator sends chat at
 * `rate` messages a second into 20 groups of 50 people; the bot receives every message on its
 * forward WebSocket and answers each "/ping" (one message in ten), or with `answers: 'every'`
 * every message (so Catnap stores twice as many). Answers what the run's report says.
 */
export async function loadRate(basePort: number, rate: number, seconds: number, answers: 'pings' | 'every' = 'pings'): Promise<LoadReport> {
  const dataDir = await benchTempDir('catnap-bench-load-');
  const ports = { httpA: basePort, wsA: basePort + 1, wsB: basePort + 2, webui: basePort + 3 };
  const world = {
    accounts: [
      {
        user_id: 10001,
        nickname: 'Ping bot',
        bot: true,
        onebot: {
          network: {
            // The HTTP server is how the bench helpers see that Catnap is up.
            httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port: ports.httpA }],
            websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: ports.wsA, heartInterval: 0 }],
          },
        },
      },
    ],
  };
  const worldFile = join(dataDir, 'world.json');
  await writeFile(worldFile, JSON.stringify(world));
  const bench: BenchWorld = { dataDir, worldFile, ports };
  const catnap = await startCatnap(bench);
  const bot = runNode(['bench/ping-bot.mjs', `ws://127.0.0.1:${ports.wsA}`, ...(answers === 'every' ? ['--all'] : [])]);
  try {
    await waitFor(async () => bot.output().includes('connected'), 60_000);
    const out = join(dataDir, 'report');
    const args = ['--url', `http://127.0.0.1:${ports.webui}`, '--token', benchWebuiToken, '--self-id', '10001'];
    const common = [
      ...args,
      '--groups',
      '20',
      '--users',
      '1000',
      '--pattern',
      answers === 'every' ? 'chat' : 'mixed:/ping',
      '--expect-reply',
      '--max-in-flight',
      '2048',
    ];
    // A short first run creates the groups and lets V8 compile the hot paths of Catnap and the bot;
    // the measured run's own warm-up, at the full rate, does the same for its generator (a process
    // of its own) and lets every cache and queue reach the rate before anything is counted.
    await runLoadCli([...common, '--rate', String(Math.min(rate, 2000)), '--duration', '3s', '--out', join(dataDir, 'warm-up')]);
    await runLoadCli([...common, '--rate', String(rate), '--warm-up', '3s', '--duration', `${seconds}s`, '--out', out]);
    return JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
  } finally {
    await bot.stop();
    await catnap.stop();
    removeBenchTempDir(dataDir);
  }
}

async function runLoadCli(args: string[]): Promise<void> {
  const generator = runNode(['bin/catnap.js', 'load', ...args]);
  const code = await new Promise<number | null>((resolve) => generator.proc.on('exit', resolve));
  if (code !== 0) throw new Error(`catnap load failed (${code}):\n${generator.output().slice(-2000)}`);
}
