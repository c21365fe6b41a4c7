import { LoadOptionError } from '../load/load-options.js';
import { LoadRunError } from '../load/load-run-error.js';
import type { RemoteError } from '../remote/catnap-client.js';
import { CliError, type CliIo } from './cli-context.js';
import { cliFailure } from './cli-failure.js';

/**
 * What a failed load run shows: the run's own failures (options, an unreachable or refusing
 * Catnap, a bot that cannot be watched) as the one line written for the person; anything else is
 * a bug in the run, shown as every command shows one (cli-failure.ts).
 */
export function describeLoadFailure(error: unknown, io: Pick<CliIo, 'env' | 'stderr'>): CliError | RemoteError {
  return cliFailure(error, io, 'the load run', (failure) => {
    if (failure instanceof LoadOptionError) return new CliError(failure.message, 2);
    if (failure instanceof LoadRunError) return new CliError(failure.message);
    return undefined;
  });
}
