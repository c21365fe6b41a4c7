// The Python example bot tested with catnap/testing from vitest: a bot in any language is a command.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { startWorld, type TestWorld } from 'catnap/testing';

const here = fileURLToPath(new URL('.', import.meta.url));

/** A Python with `websockets` (Debian's python3-websockets): /usr/bin/python3 when a pyenv shim hides it. */
function python(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import websockets'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // Try the next one.
    }
  }
  return undefined;
}

let world: TestWorld;

describe('the Python example bot', () => {
  beforeAll(async () => {
    const interpreter = python();
    if (!interpreter) throw new Error('no python3 with websockets: install python3-websockets (see .ci/apt-packages)');
    world = await startWorld();
    await world.startBot(`${interpreter} bot.py`, { cwd: here });
  });
  afterAll(() => world?.stop());
  beforeEach(() => world.reset());

  it('answers /ping in a group', async () => {
    await world.user(20001).say('/ping', { group: 30001 });
    await world.expectMessage({ text: 'pong', group: 30001 });
  });

  it('thanks for uploaded files', async () => {
    await world.user(20003).upload(30001, 'notes.txt', 'meeting notes');
    await world.expectMessage({ text: 'Thanks for sharing notes.txt', group: 30001 });
  });
});
