import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/spawn.js';
import { until } from '../helpers/transports.js';

/** Whether the process runs (a zombie has ended, for this purpose). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').at(-1)!.trim().split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

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
 * Starts `command` (a test runner that starts the bot), waits for the bot's pid, sends the runner
 * `signal` and checks that the runner ends by that signal and the bot with it.
 */
async function killRunner(dir: string, command: string[], signal: NodeJS.Signals): Promise<void> {
  const runner = spawn(command[0]!, command.slice(1), { cwd: repoRoot, env: { ...process.env, CATNAP_LOG_LEVEL: 'warn' }, stdio: 'pipe' });
  let output = '';
  runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) => runner.on('exit', (code, by) => resolve(by ?? code)));
  let bot: number | undefined;
  try {
    await until(async () => (bot = Number(await readFile(join(dir, 'bot.pid'), 'utf8').catch(() => ''))) > 0, 60_000, 'the bot to start');
    runner.kill(signal);
    expect(await ended, output).toBe(signal);
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
});
