import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCatnapExpectingFailure, spawnCatnap, tempDir } from '../helpers/spawn.js';

/** A line of a JavaScript stack trace: what a person must never see. */
const stackLine = /^\s+at .+[(:]\d+/m;

async function exportOf(data: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin/catnap.js'), 'world', 'export', '--data', data]);
  return JSON.parse(stdout);
}

async function expectOneClearMessage(args: string[], message: string | RegExp) {
  const { code, output } = await runCatnapExpectingFailure(['start', '--webui-port', '0', ...args]);
  expect(code).toBe(1);
  expect(output).not.toMatch(stackLine);
  expect(output).toMatch(message);
  return output;
}

describe('catnap start: a failure to start is one clear message, never a stack trace', () => {
  it('refuses a bad world file on an existing world, listing every problem, and changes nothing', async () => {
    const data = await tempDir();
    const good = join(data, 'good.json');
    await writeFile(
      good,
      JSON.stringify({
        accounts: [
          { user_id: 20001, nickname: 'Alice' },
          { user_id: 20002, nickname: 'Bob' },
        ],
      }),
    );
    const first = await spawnCatnap(['--data', data, '--world', good, '--webui-port', '0']);
    expect(await first.stop()).toBe(0);
    const before = await exportOf(data);

    const bad = join(data, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        accounts: [
          { user_id: 20001, nickname: 'Alice renamed' },
          { user_id: 20003, nickname: 'Carol' },
        ],
        groups: [
          { group_id: 40001, group_name: 'Fine', owner_id: 20001, members: [20002] },
          { group_id: 40002, group_name: 'Too big', owner_id: 20001, members: [20002, 20003], max_member_count: 2 },
          { group_id: 40003, group_name: 'Nobody', owner_id: 29999 },
        ],
      }),
    );
    const output = await expectOneClearMessage(['--data', data, '--world', bad], /world file rejected, nothing was changed/);
    expect(output).toContain('groups.1: group 40002 would have 3 members, more than max_member_count 2');
    expect(output).toContain('groups.2.owner_id: 29999 is not an account (add it to "accounts")');
    expect(await exportOf(data)).toEqual(before);
  });

  it('names a data folder it cannot use', async () => {
    const parent = await tempDir();
    const notAFolder = join(parent, 'file');
    await writeFile(notAFolder, 'x');
    await expectOneClearMessage(['--data', notAFolder], /cannot use .*file.*choose another folder with --data/);
  });

  it('names a damaged world database', async () => {
    const data = await tempDir();
    await writeFile(join(data, 'catnap.db'), 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    await expectOneClearMessage(['--data', data], /cannot open the world database in .*not a Catnap database or is damaged/);
  });

  it('names a broken settings file', async () => {
    const data = await tempDir();
    await mkdir(join(data, 'config'));
    await writeFile(join(data, 'config', 'catnap.json'), '{ "webui": ');
    await expectOneClearMessage(['--data', data], /catnap\.json/);
  });

  it('names a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, output } = await runCatnapExpectingFailure(['start', '--data', await tempDir(), '--webui-port', String(port)]);
      expect(code).toBe(1);
      expect(output).not.toMatch(stackLine);
      expect(output).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
