import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../src/app/testing/bench-api.js';
import { startBot, waitForBot } from '../../src/app/testing/bot-process.js';
import { alive, tempDir } from '../helpers/spawn.js';
import { until } from '../helpers/transports.js';

const endpoints = { selfId: 10001, token: '' };
/** Never asked: the bot's own `until` says whether it connected. */
const unreachable = {} as BenchApi;

describe.runIf(process.platform === 'linux')('the bot process', () => {
  it('stop() ends what the command started even after the command itself exited (a bot that crashed, its helper left)', async () => {
    const pidFile = join(await tempDir(), 'helper.pid');
    // The shell starts a helper and exits 3 at once, as a bot that spawned a worker and crashed.
    const bot = startBot(`sleep 60 & echo $! > ${pidFile}; exit 3`, endpoints);
    await until(() => bot.exitCode() !== undefined, 30_000, 'the command to exit');
    expect(bot.exitCode()).toBe(3);
    const helper = Number(await readFile(pidFile, 'utf8'));
    expect(alive(helper)).toBe(true);
    try {
      await bot.stop();
      await until(() => !alive(helper), 30_000, 'the helper to end');
    } finally {
      if (alive(helper)) process.kill(helper, 'SIGKILL');
    }
  });

  it('stop() ends a command that is still running, with everything it started', async () => {
    const pidFile = join(await tempDir(), 'helper.pid');
    const bot = startBot(`sleep 60 & echo $! > ${pidFile}; wait`, endpoints);
    await until(async () => (await readFile(pidFile, 'utf8').catch(() => '')) !== '', 30_000, 'the helper to start');
    const helper = Number(await readFile(pidFile, 'utf8'));
    try {
      await bot.stop();
      expect(bot.exitCode()).not.toBeUndefined();
      await until(() => !alive(helper), 30_000, 'the helper to end');
    } finally {
      if (alive(helper)) process.kill(helper, 'SIGKILL');
    }
  });

  it('names the signal that killed the bot, as the Python client does, and counts it as a shell would (128 + its number)', async () => {
    const bot = startBot('kill -KILL $$', endpoints);
    await until(() => bot.exitCode() !== undefined, 30_000, 'the bot to be killed');
    expect(bot.exitCode()).toBe(137);
    expect(bot.exitSignal()).toBe('SIGKILL');
    await expect(waitForBot(unreachable, 10001, { bot, timeoutMs: 30_000, until: async () => false })).rejects.toThrow(
      /^the bot was killed by SIGKILL before it connected$/,
    );
  });
});
