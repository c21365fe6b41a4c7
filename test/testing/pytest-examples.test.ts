import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/spawn.js';

const run = promisify(execFile);

/** Debian's python3 with pytest and websockets (.ci/apt-packages); a pyenv shim on the PATH may lack them. */
async function python(): Promise<string> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      await run(candidate, ['-c', 'import pytest, websockets']);
      return candidate;
    } catch {
      // Try the next one.
    }
  }
  throw new Error('no python3 with pytest and websockets: install python3-pytest and python3-websockets (.ci/apt-packages)');
}

// The Python client and its pytest plugin, exercised the way a user runs them (`pytest examples/...`),
// and the client's own tests (clients/python/tests): `npm test` is how CI runs them.
describe('pytest examples', () => {
  for (const example of ['examples/python', 'examples/napcat-ts', 'clients/python/tests']) {
    it(`pytest ${example} passes`, async () => {
      const result = await run(await python(), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', example], {
        cwd: repoRoot,
        env: { ...process.env, CATNAP_LOG_LEVEL: 'warn' },
        timeout: 180_000,
      }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`pytest ${example} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
      });
      expect(result.stdout).toMatch(/\d+ passed/);
      expect(result.stdout).not.toMatch(/failed|error/i);
    });
  }
});
