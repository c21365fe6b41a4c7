import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, repoRoot, tempDir } from '../helpers/spawn.js';
import { until } from '../helpers/transports.js';

/** A bot that writes its pid, connects to CATNAP_WS_URL and stays until it is stopped, with Catnap or without. */
function writeBot(dir: string): Promise<void> {
  return writeFile(
    join(dir, 'bot.cjs'),
    [
      `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'bot.pid'))}, String(process.pid));`,
      `const WebSocket = require('module').createRequire(${JSON.stringify(join(repoRoot, 'package.json'))})('ws');`,
      // As a bot that reconnects: losing Catnap does not end it.
      'new WebSocket(process.env.CATNAP_WS_URL).on("error", () => {});',
      'setInterval(() => {}, 60_000);',
      '',
    ].join('\n'),
  );
}

/**
 * Writes a runner script that starts a world with `startWorld(<options>)` (after the `setup`
 * lines) and writes `ready` in `dir` once it has; returns the script's path.
 */
async function writeStartWorldRunner(dir: string, options = '', setup: string[] = []): Promise<string> {
  const script = join(dir, 'runner.mts');
  await writeFile(
    script,
    [
      `import { writeFileSync } from 'node:fs';`,
      `import { startWorld } from ${JSON.stringify(join(repoRoot, 'src/app/testing/index.ts'))};`,
      ...setup,
      `await startWorld(${options});`,
      `writeFileSync(${JSON.stringify(join(dir, 'ready'))}, 'up');`,
      'setInterval(() => {}, 60_000);',
      '',
    ].join('\n'),
  );
  return script;
}

/** Spawns a runner in `repoRoot` with Catnap's log at warn; `output()` is what it printed, `ended` how it ended. */
function spawnRunner(command: string[], env: NodeJS.ProcessEnv = {}) {
  const runner = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, CATNAP_LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
  let output = '';
  runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) => runner.on('exit', (code, by) => resolve(by ?? code)));
  return { runner, output: () => output, ended };
}

/**
 * Starts `command` (a test runner that starts the bot), waits for the bot's pid, sends the runner
 * `signal` and checks that the runner ends by that signal and the bot with it.
 */
async function killRunner(dir: string, command: string[], signal: NodeJS.Signals): Promise<void> {
  const { runner, output, ended } = spawnRunner(command);
  let bot: number | undefined;
  try {
    await until(async () => (bot = Number(await readFile(join(dir, 'bot.pid'), 'utf8').catch(() => ''))) > 0, 60_000, 'the bot to start');
    runner.kill(signal);
    expect(await ended, output()).toBe(signal);
    await until(() => !alive(bot!), 30_000, 'the bot to end');
  } finally {
    runner.kill('SIGKILL');
    if (bot && alive(bot)) process.kill(bot, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

describe.runIf(process.platform === 'linux')('a test runner killed by a signal', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the bot world.startBot started, then ends by ${signal}`, async () => {
      const dir = await tempDir();
      await writeBot(dir);
      const script = join(dir, 'runner.mts');
      await writeFile(
        script,
        [
          `import { startWorld } from ${JSON.stringify(join(repoRoot, 'src/app/testing/index.ts'))};`,
          'const world = await startWorld();',
          `await world.startBot(${JSON.stringify(`node ${join(dir, 'bot.cjs')}`)});`,
          'setInterval(() => {}, 60_000);',
          '',
        ].join('\n'),
      );
      await killRunner(dir, [process.execPath, '--import', 'tsx', script], signal);
    }, 120_000);
  }

  it('stops the bot `catnap test` started, then ends by SIGTERM', async () => {
    const dir = await tempDir();
    await writeBot(dir);
    // The bot never answers: the runner is still waiting on the first scenario when it is killed.
    const command = [process.execPath, join(repoRoot, 'bin/catnap.js'), 'test', 'examples/napcat-ts/scenarios'];
    await killRunner(dir, [...command, '--bot', `node ${join(dir, 'bot.cjs')}`], 'SIGTERM');
  }, 120_000);

  it('stops the Catnap startWorld started and removes its temporary data folder, then ends by SIGTERM', async () => {
    const dir = await tempDir();
    const temp = await runnerTemp(dir);
    const script = await writeStartWorldRunner(dir);
    await killRunnerOfCatnap(dir, temp, [process.execPath, '--import', 'tsx', script], 'SIGTERM');
  }, 120_000);

  it('removes the temporary data folder of a Catnap still starting when SIGTERM comes, then ends by it', async () => {
    const dir = await tempDir();
    const temp = await runnerTemp(dir);
    // A world big enough that its start takes a while: the signal comes once the data folder
    // exists and before the start has ended (the runner writes `ready` after it).
    const script = await writeStartWorldRunner(
      dir,
      '{ world: { accounts: [{ user_id: 10001, nickname: "Bot", bot: true }, ...accounts] } }',
      ['const accounts = Array.from({ length: 30_000 }, (_, index) => ({ user_id: 100_000 + index, nickname: `person ${index}` }));'],
    );
    const { runner, output, ended } = spawnRunner([process.execPath, '--import', 'tsx', script], { TMPDIR: temp });
    try {
      await until(async () => (await dataFolders(temp)).length === 1, 60_000, 'the runner to make its data folder');
      const readyAtSignal = await readFile(join(dir, 'ready'), 'utf8').catch(() => '');
      runner.kill('SIGTERM');
      expect(readyAtSignal, 'the start had ended before the signal: the world is too small to test a signal during it').toBe('');
      expect(await ended, output()).toBe('SIGTERM');
      await until(async () => (await dataFolders(temp)).length === 0, 30_000, "the runner's temporary data folder to be removed");
    } finally {
      runner.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops the Catnap `catnap test` started with its bot and removes its temporary data folder, then ends by SIGTERM', async () => {
    const dir = await tempDir();
    const temp = await runnerTemp(dir);
    await writeBot(dir);
    // The bot writes its pid once Catnap is up and started it: the runner's "ready".
    const bot = `node ${join(dir, 'bot.cjs')}`;
    const command = [process.execPath, join(repoRoot, 'bin/catnap.js'), 'test', 'examples/napcat-ts/scenarios', '--bot', bot];
    await killRunnerOfCatnap(dir, temp, command, 'SIGTERM', 'bot.pid');
  }, 120_000);

  it('leaves a data folder it was given in place on SIGINT, then ends by it', async () => {
    const dir = await tempDir();
    const temp = await runnerTemp(dir);
    const given = join(dir, 'data');
    await mkdir(given);
    const script = await writeStartWorldRunner(dir, `{ dataDir: ${JSON.stringify(given)} }`);
    await killRunnerOfCatnap(dir, temp, [process.execPath, '--import', 'tsx', script], 'SIGINT', 'ready', given);
  }, 120_000);

  it('leaves the ending to `catnap test --serve`, which has its own: it removes its data folder and exits 0 once its stdin closes', async () => {
    const dir = await tempDir();
    const temp = await runnerTemp(dir);
    const {
      runner: serve,
      output,
      ended,
    } = spawnRunner([process.execPath, join(repoRoot, 'bin/catnap.js'), 'test', '--serve'], { TMPDIR: temp });
    try {
      await until(() => output().includes('"url"'), 60_000, 'catnap test --serve to start');
      serve.kill('SIGTERM');
      await until(async () => (await dataFolders(temp)).length === 0, 30_000, 'its data folder to be removed');
      serve.stdin.end();
      expect(await ended, output()).toBe(0);
    } finally {
      serve.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A temporary folder of the runner's own (its TMPDIR), so what Catnap puts there can be watched. */
async function runnerTemp(dir: string): Promise<string> {
  const temp = join(dir, 'tmp');
  await mkdir(temp);
  return temp;
}

/** The data folders launchTestCatnap made in `temp` (tsx keeps a cache there too). */
async function dataFolders(temp: string): Promise<string[]> {
  return (await readdir(temp)).filter((name) => name.startsWith('catnap-test-'));
}

/**
 * Starts a runner whose Catnap runs in its own process with TMPDIR at `temp`, waits for `ready`
 * (a file the runner writes in `dir`) and its data folder, sends `signal`, and checks that the
 * runner (the Catnap's process) ends by it and the data folder it made is gone; `kept`, a data
 * folder the runner was given, stays.
 */
async function killRunnerOfCatnap(
  dir: string,
  temp: string,
  command: string[],
  signal: NodeJS.Signals,
  ready = 'ready',
  kept?: string,
): Promise<void> {
  const { runner, output, ended } = spawnRunner(command, { TMPDIR: temp });
  let bot: number | undefined;
  try {
    await until(async () => (await readFile(join(dir, ready), 'utf8').catch(() => '')) !== '', 60_000, 'the runner to start Catnap');
    if (ready === 'bot.pid') bot = Number(await readFile(join(dir, ready), 'utf8'));
    expect(await dataFolders(temp), output()).toHaveLength(kept ? 0 : 1);
    runner.kill(signal);
    expect(await ended, output()).toBe(signal);
    expect(alive(runner.pid!)).toBe(false);
    await until(async () => (await dataFolders(temp)).length === 0, 30_000, "the runner's temporary data folder to be removed");
    if (kept) expect((await readdir(kept)).length).toBeGreaterThan(0);
    if (bot) await until(() => !alive(bot!), 30_000, 'the bot to end');
  } finally {
    runner.kill('SIGKILL');
    if (bot && alive(bot)) process.kill(bot, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}
