import { RemoteError } from '../remote/catnap-client.js';
import { CliError, type CliIo } from './cli-context.js';

/** Log levels at which an unexpected failure shows its stack. */
const stackLevels = new Set(['debug', 'trace']);

/**
 * A command's own reading of a failure: the message (and exit code) written for the person when
 * the failure is theirs to fix (a bad file, a port in use, a bot that cannot be watched), or
 * undefined when it is not one the command knows, which makes it a bug.
 */
export type ForPerson = (error: unknown) => CliError | undefined;

/** Failures of these types carry a message written for the person: shown as it is, with `exitCode`. */
export function messagesOf(types: readonly (abstract new (...args: never[]) => Error)[], exitCode = 1): ForPerson {
  return (error) => (types.some((type) => error instanceof type) ? new CliError((error as Error).message, exitCode) : undefined);
}

/**
 * The CLI's one way to show a failure, whichever command met it. A person's failure (a CliError,
 * a RemoteError from the admin API, or what `forPerson` reads) is one line and its exit code. Any
 * other failure is a bug: one line naming it as unexpected, with the error's own message, exit 1;
 * its stack goes to standard error too when CATNAP_LOG_LEVEL is debug or trace, and the line says
 * how to get it otherwise. `doing` names what failed ("the load run", "catnap world export").
 */
export function cliFailure(
  error: unknown,
  io: Pick<CliIo, 'env' | 'stderr'>,
  doing: string,
  forPerson: ForPerson = () => undefined,
): CliError | RemoteError {
  if (error instanceof CliError || error instanceof RemoteError) return error;
  const personal = forPerson(error);
  if (personal) return personal;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const withStack = stackLevels.has(io.env.CATNAP_LOG_LEVEL ?? '');
  if (withStack) io.stderr(`${error instanceof Error && error.stack ? error.stack : what}\n`);
  return new CliError(
    `${doing} failed unexpectedly (an internal error, please report it): ${what}` +
      (withStack ? '' : ' (set CATNAP_LOG_LEVEL=debug for its stack)'),
  );
}
