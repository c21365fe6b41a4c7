import { Command, CommanderError } from 'commander';
import { catnapVersion } from '../catnap.js';
import { actCommand } from './act-command.js';
import { CliError, exitCodes, type CliCommand, type CliContext, type CliIo } from './cli-context.js';
import { cliFailure } from './cli-failure.js';
import { completionCommand } from './completion-command.js';
import { loadCommand } from './load-command.js';
import { mcpCommand } from './mcp-command.js';
import { sendCommand } from './send-command.js';
import { startCommand } from './start-command.js';
import { statusCommand } from './status-command.js';
import { testCommand } from './test-command.js';
import { worldCommand } from './world-command.js';

/** Every subcommand, in the order `catnap --help` lists them. A new one is one file and one line here. */
export const commands: readonly CliCommand[] = [
  startCommand,
  worldCommand,
  actCommand,
  sendCommand,
  statusCommand,
  testCommand,
  loadCommand,
  mcpCommand,
  completionCommand,
];

/** The whole command tree; errors and help go to `ctx.io` instead of exiting the process. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('catnap')
    .description('A NapCat-compatible OneBot 11 server on a simulated, persistent QQ world')
    .version(catnapVersion, '-v, --version', 'print the version')
    .addHelpText('after', '\nA bare `catnap` (or `catnap --data DIR ...`) runs `catnap start`. Every command has --help.');
  for (const make of commands) program.addCommand(make(ctx));
  configure(program, ctx.io);
  return program;
}

/** Commander copies these settings only to commands made with `.command()`, so they are set on every one. */
function configure(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(text.replace(/^error: /, 'catnap: ')),
    });
  for (const sub of command.commands) configure(sub, io);
}

/** Options alone (or nothing) mean `start`, as before subcommands existed. */
function withDefaultCommand(argv: readonly string[]): string[] {
  const first = argv[0];
  const asksTopLevel = first !== undefined && ['-h', '--help', '-v', '--version'].includes(first);
  return first === undefined || (first.startsWith('-') && !asksTopLevel) ? ['start', ...argv] : [...argv];
}

/**
 * Runs the CLI; resolves to the process exit code (for `start`, once Catnap has stopped).
 * 0 done, 1 failed (the message says why), 2 the command line was wrong.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: exitCodes.ok };
  const program = buildProgram(ctx);
  // The command that ran, as the person typed it ("catnap world export"), to name it if it breaks.
  let running = 'catnap';
  program.hook('preAction', (_program, action) => {
    const names: string[] = [];
    for (let command: Command | null = action; command; command = command.parent) names.unshift(command.name());
    running = names.join(' ');
  });
  try {
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with exit code 0; every other parse error is a usage error.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    // A command's own failures arrive as CliErrors; whatever else escapes it is shown as a bug.
    const shown = cliFailure(error, io, running);
    io.stderr(`catnap: ${shown.message}\n`);
    return shown instanceof CliError ? shown.exitCode : exitCodes.failed;
  }
}
