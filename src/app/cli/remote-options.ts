import { Option, type Command } from 'commander';
import { CatnapClient, resolveConnection, type ConnectionOptions, type Envelope, succeeded } from '../remote/catnap-client.js';
import { CliError, type CliContext } from './cli-context.js';

/** The options every command that talks to a running Catnap takes. */
export function withConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', "the running Catnap's web UI address (env CATNAP_URL)"))
    .addOption(new Option('--token <token>', 'its web UI token (env CATNAP_TOKEN)'))
    .addOption(new Option('--data <dir>', "else read both from this data folder's config/catnap.json (env CATNAP_DATA, default ./data)"))
    .addHelpText(
      'after',
      "\nThe running Catnap is found through --url/--token, else CATNAP_URL/CATNAP_TOKEN, else the data folder's config/catnap.json.",
    );
}

export async function clientFor(ctx: CliContext, options: ConnectionOptions): Promise<CatnapClient> {
  return new CatnapClient(await resolveConnection(options, ctx.io.env));
}

/** Prints an action's envelope; a failed action sets exit code 1 and says why on stderr. */
export function reportEnvelope(ctx: CliContext, envelope: Envelope, printData: (data: unknown) => string): void {
  if (succeeded(envelope)) {
    ctx.io.stdout(printData(envelope.data));
    return;
  }
  ctx.io.stderr(`catnap: the action failed: retcode ${envelope.retcode}: ${envelope.message || envelope.wording || envelope.status}\n`);
  ctx.exitCode = 1;
}

/** Parses the JSON params argument of `act`. */
export function parseJsonArgument(text: string | undefined, what: string): unknown {
  if (text === undefined || text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid JSON: ${(error as Error).message}`, 2);
  }
}
