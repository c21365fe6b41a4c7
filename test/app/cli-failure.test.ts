import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/app/cli/cli-context.js';
import { cliFailure, messagesOf } from '../../src/app/cli/cli-failure.js';
import { describeStartFailure } from '../../src/app/cli/start-failure.js';
import { RemoteError } from '../../src/app/remote/catnap-client.js';
import { StartupError } from '../../src/app/startup-error.js';
import { PortInUseError } from '../../src/network/adapter.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/spawn.js';

/** A line of a JavaScript stack trace. */
const stackLine = /^\s+at .+[(:]\d+/m;

function terminal(env: Record<string, string> = {}) {
  const written: string[] = [];
  return { env, stderr: (text: string) => written.push(text), written };
}

describe('the CLI shows every failure one way', () => {
  it("shows a person's failure as its own line and exit code, and nothing else", () => {
    const io = terminal({ CATNAP_LOG_LEVEL: 'debug' });
    const usage = new CliError('--rate must be a positive rate', 2);
    expect(cliFailure(usage, io, 'the run')).toBe(usage);
    const remote = new RemoteError('cannot reach Catnap');
    expect(cliFailure(remote, io, 'the run')).toBe(remote);
    const read = cliFailure(new StartupError('cannot read world.yaml'), io, 'the run', messagesOf([StartupError], 2));
    expect(read).toBeInstanceOf(CliError);
    expect(read).toMatchObject({ message: 'cannot read world.yaml', exitCode: 2 });
    expect(io.written).toEqual([]);
  });

  it('names anything else as an unexpected internal error, with its stack only at debug level', () => {
    const quiet = terminal({ CATNAP_LOG_LEVEL: 'info' });
    const shown = cliFailure(new TypeError('x is not a function'), quiet, 'catnap world export', messagesOf([StartupError]));
    expect(shown).toMatchObject({
      message:
        'catnap world export failed unexpectedly (an internal error, please report it): TypeError: x is not a function ' +
        '(set CATNAP_LOG_LEVEL=debug for its stack)',
      exitCode: 1,
    });
    expect(quiet.written).toEqual([]);
    expect(cliFailure('a thrown string', quiet, 'the run').message).toContain(
      'failed unexpectedly (an internal error, please report it): a thrown string',
    );

    for (const level of ['debug', 'trace']) {
      const debug = terminal({ CATNAP_LOG_LEVEL: level });
      const withStack = cliFailure(new TypeError('x is not a function'), debug, 'the run');
      expect(withStack.message).toBe('the run failed unexpectedly (an internal error, please report it): TypeError: x is not a function');
      expect(debug.written.join('')).toMatch(stackLine);
    }
  });

  it('catnap start: what the person can fix is one line; a bug is named as one, with its stack at debug level', () => {
    const io = terminal({ CATNAP_LOG_LEVEL: 'debug' });
    expect(describeStartFailure(new PortInUseError('port 3001 is in use'), io, '/data')).toMatchObject({ message: 'port 3001 is in use' });
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/data/catnap.db' });
    expect(describeStartFailure(denied, io, '/data').message).toBe(
      'cannot use /data/catnap.db: permission denied; fix its permissions or choose another folder with --data',
    );
    expect(io.written).toEqual([]);

    const bug = describeStartFailure(new RangeError('Invalid array length'), io, '/data');
    expect(bug).toMatchObject({ exitCode: 1 });
    expect(bug.message).toBe('starting Catnap failed unexpectedly (an internal error, please report it): RangeError: Invalid array length');
    expect(io.written.join('')).toMatch(stackLine);
    expect(describeStartFailure(undefined, terminal(), '/data').message).toMatch(
      /^starting Catnap failed unexpectedly.*CATNAP_LOG_LEVEL=debug/,
    );
  });

  it('a failure no command reads reaches the person as an unexpected one, not as a crash', async () => {
    // A folder where the database file should be: `world export` has no words for it.
    const data = await tempDir();
    await mkdir(join(data, 'catnap.db'));
    const quiet = await cli(['world', 'export', '--data', data]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(
      /^catnap: catnap world export failed unexpectedly \(an internal error, please report it\): .+CATNAP_LOG_LEVEL=debug/,
    );
    expect(quiet.stderr).not.toMatch(stackLine);
    const debug = await cli(['world', 'export', '--data', data], { CATNAP_LOG_LEVEL: 'debug' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(stackLine);
    expect(debug.stderr).toMatch(/catnap: catnap world export failed unexpectedly/);
  });
});
