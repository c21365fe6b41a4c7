import { LoadOptionError } from '../load/load-options.js';
import { LoadRunError } from '../load/load-run-error.js';
import { RemoteError } from '../remote/catnap-client.js';
import { CliError, type CliIo } from './cli-context.js';

const debugLevels = new Set(['debug', 'trace']);

/**
 * What a failed load run shows: the run's own failures (options, an unreachable or refusing
 * Catnap, a bot that cannot be watched) as the one line written for the person; anything else is
 * a bug in the run, named as unexpected, with its stack when CATNAP_LOG_LEVEL is debug or trace.
 */
export function describeLoadFailure(error: unknown, io: Pick<CliIo, 'env' | 'stderr'>): Error {
  if (error instanceof LoadOptionError) return new CliError(error.message, 2);
  if (error instanceof LoadRunError) return new CliError(error.message);
  if (error instanceof CliError || error instanceof RemoteError) return error;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const debug = debugLevels.has(io.env.CATNAP_LOG_LEVEL ?? '');
  if (debug) io.stderr(`${error instanceof Error && error.stack ? error.stack : what}\n`);
  return new CliError(
    `the load run failed unexpectedly (an internal error, please report it): ${what}` +
      (debug ? '' : ' (set CATNAP_LOG_LEVEL=debug for its stack)'),
  );
}
