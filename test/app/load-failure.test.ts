import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/app/cli/cli-context.js';
import { describeLoadFailure } from '../../src/app/cli/load-failure.js';
import { LoadOptionError } from '../../src/app/load/load-options.js';
import { LoadRunError } from '../../src/app/load/load-run-error.js';
import { RemoteError } from '../../src/app/remote/catnap-client.js';

function io(env: Record<string, string> = {}) {
  const written: string[] = [];
  return { env, stderr: (text: string) => written.push(text), written };
}

describe('catnap load failures', () => {
  it("prints the run's own failures as the line written for the person", () => {
    const terminal = io();
    expect(describeLoadFailure(new LoadOptionError('--rate must be a positive rate'), terminal)).toMatchObject({
      message: '--rate must be a positive rate',
      exitCode: 2,
    });
    const unwatchable = describeLoadFailure(new LoadRunError('account 20001 has no listening forward WebSocket server'), terminal);
    expect(unwatchable).toBeInstanceOf(CliError);
    expect(unwatchable).toMatchObject({ message: 'account 20001 has no listening forward WebSocket server', exitCode: 1 });
    const remote = new RemoteError('cannot reach Catnap');
    expect(describeLoadFailure(remote, terminal)).toBe(remote);
    expect(terminal.written).toEqual([]);
  });

  it('names any other Error, a plain one too, as an unexpected internal failure, with its stack at debug level', () => {
    const quiet = io();
    const bug = new Error('Cannot read properties of undefined');
    const shown = describeLoadFailure(bug, quiet);
    expect(shown).toBeInstanceOf(CliError);
    expect(shown.message).toMatch(/unexpectedly.*internal error.*Error: Cannot read properties of undefined.*CATNAP_LOG_LEVEL=debug/);
    expect(quiet.written).toEqual([]);

    const debug = io({ CATNAP_LOG_LEVEL: 'debug' });
    expect(describeLoadFailure(new TypeError('x is not a function'), debug).message).toContain('TypeError: x is not a function');
    expect(debug.written.join('')).toContain('at ');
  });
});
