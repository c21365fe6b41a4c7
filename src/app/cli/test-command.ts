import { access, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Reporter } from '../testing/scenario/run-scenarios.js';
import { StartupError } from '../startup-error.js';
import { CliError, exitCodes, parseId, type CliCommand } from './cli-context.js';
import { cliFailure, messagesOf } from './cli-failure.js';
import { startOptions } from './start-command.js';

/** The runner loads only when `catnap test` runs, so every other command starts as fast as before. */
const runner = async () => {
  const [{ WorldFileError }, scenarios, pretty, junit, tap, run, serve] = await Promise.all([
    import('../../world/world-file.js'),
    import('../testing/scenario/load-scenarios.js'),
    import('../testing/scenario/reporters/pretty.js'),
    import('../testing/scenario/reporters/junit.js'),
    import('../testing/scenario/reporters/tap.js'),
    import('../testing/scenario/run-scenarios.js'),
    import('../testing/serve.js'),
  ]);
  return { WorldFileError, ...scenarios, ...pretty, ...junit, ...tap, ...run, ...serve };
};

interface TestFlags {
  readonly bot?: string;
  readonly world?: string;
  readonly botAccount?: string;
  readonly reporter: 'pretty' | 'junit' | 'tap';
  readonly out?: string;
  readonly connectTimeout: string;
  readonly serve?: boolean;
  readonly seed?: string;
  readonly clock?: string;
}

/** `catnap test`: runs YAML scenarios against a bot, or (`--serve`) starts a Catnap for another language's test client. */
export const testCommand: CliCommand = (ctx) =>
  new Command('test')
    .description('run YAML test scenarios against your bot on a fresh Catnap (free ports, fresh data folder)')
    .argument('[paths...]', 'scenario files or folders (.yaml, .yml)')
    .addOption(
      new Option(
        '--bot <command>',
        'the command that starts your bot; it gets CATNAP_WS_URL, CATNAP_HTTP_URL, CATNAP_TOKEN, CATNAP_SELF_ID',
      ),
    )
    .addOption(
      new Option('--world <file>', "the world (JSON or YAML) unless a scenario has its own `world:`; default: Catnap's default world"),
    )
    .addOption(new Option('--bot-account <user_id>', "the account the bot logs in as (default: the world's first bot account)"))
    .addOption(
      new Option('--reporter <name>', 'pretty (progress), junit (XML) or tap').choices(['pretty', 'junit', 'tap']).default('pretty'),
    )
    .addOption(new Option('--out <file>', 'write the junit or tap report there (default: standard output, progress to standard error)'))
    .addOption(new Option('--connect-timeout <ms>', 'how long the bot may take to connect').default('20000'))
    .addOption(new Option('--seed <n>', 'seed every value the world makes up, as catnap start --seed (env CATNAP_SEED)'))
    .addOption(
      new Option('--clock <frozen|time>', "start the world's clock frozen: now, or at an ISO 8601 time or unix seconds (env CATNAP_CLOCK)"),
    )
    .addOption(
      new Option('--serve', 'start Catnap for a test client and print its addresses as one JSON line; run until standard input closes'),
    )
    .addHelpText(
      'after',
      '\nExit code 0 when every scenario passed, 1 when any failed, 2 for a wrong command line, or a scenario or world file that cannot be read or is not valid (nothing runs then). The scenario format: docs/testing.md (JSON Schema: docs/scenario.schema.json).\n' +
        'Example: catnap test examples/napcat-ts/scenarios --bot "node examples/napcat-ts/bot.js" --reporter junit --out report.xml',
    )
    .action(async (paths: string[], flags: TestFlags) => {
      const botAccount = flags.botAccount !== undefined ? parseId(flags.botAccount, '--bot-account') : undefined;
      // The same --seed and --clock as `catnap start` (and their environment variables).
      const { seed, clockStart } = startOptions(
        { ...(flags.seed && { seed: flags.seed }), ...(flags.clock && { clock: flags.clock }) },
        {
          ...(ctx.io.env.CATNAP_SEED !== undefined && { CATNAP_SEED: ctx.io.env.CATNAP_SEED }),
          ...(ctx.io.env.CATNAP_CLOCK !== undefined && { CATNAP_CLOCK: ctx.io.env.CATNAP_CLOCK }),
        },
      );
      const launch = {
        ...(flags.world && { world: flags.world }),
        ...(botAccount !== undefined && { bot: botAccount }),
        ...(seed !== undefined && { seed }),
        ...(clockStart && { clock: clockStart.atMs !== undefined ? Math.floor(clockStart.atMs / 1000) : ('frozen' as const) }),
      };
      const {
        WorldFileError,
        loadScenarios,
        checkWorldFiles,
        ScenarioError,
        prettyReporter,
        junitReport,
        tapReport,
        runScenarios,
        serveForTests,
      } = await runner();
      if (flags.serve) {
        try {
          ctx.exitCode = await serveForTests(launch, ctx.io);
        } catch (error) {
          throw cliFailure(error, ctx.io, 'catnap test --serve', messagesOf([WorldFileError, StartupError]));
        }
        return;
      }
      if (paths.length === 0) throw new CliError('name scenario files or folders (catnap test scenarios/ --bot "node bot.js")', 2);
      const connectTimeoutMs = Number(flags.connectTimeout);
      if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs <= 0) throw new CliError('--connect-timeout must be milliseconds', 2);
      // A report that cannot be written is known now, not after the whole run.
      if (flags.out) {
        const folder = dirname(resolve(flags.out));
        await access(folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
          throw new CliError(`--out ${flags.out}: cannot write into ${folder} (${error.code ?? error.message})`, 2);
        });
      }
      let scenarios;
      try {
        scenarios = await loadScenarios(paths);
        await checkWorldFiles(scenarios, flags.world);
      } catch (error) {
        // A scenario file that cannot be read or is not a scenario is a wrong command line: no
        // scenario ran, so none failed (exit 1 would tell CI the bot is broken).
        throw cliFailure(error, ctx.io, 'loading the scenarios', messagesOf([ScenarioError], exitCodes.usage));
      }
      if (scenarios.length === 0) throw new CliError(`no scenarios (.yaml, .yml) in ${paths.join(', ')}`, exitCodes.usage);
      // A report on standard output keeps it clean: progress then goes to standard error.
      const progress = flags.reporter !== 'pretty' && !flags.out ? ctx.io.stderr : ctx.io.stdout;
      const pretty = prettyReporter(progress);
      const reporter: Reporter = {
        ...pretty,
        async end(results, durationMs) {
          pretty.end(results, durationMs);
          if (flags.reporter === 'pretty') return;
          const report = flags.reporter === 'junit' ? junitReport(results, durationMs) : tapReport(results);
          if (flags.out) {
            await writeFile(flags.out, report).catch((error: Error) => {
              throw new CliError(`cannot write the report to ${flags.out}: ${error.message}`);
            });
          } else ctx.io.stdout(report);
        },
      };
      try {
        const results = await runScenarios(scenarios, {
          ...(flags.bot && { bot: flags.bot }),
          ...(botAccount !== undefined && { botAccount }),
          ...(launch.world && { world: launch.world }),
          ...(launch.seed !== undefined && { seed: launch.seed }),
          ...(launch.clock !== undefined && { clock: launch.clock }),
          connectTimeoutMs,
          reporter,
        });
        ctx.exitCode = results.some((result) => result.status === 'failed') ? 1 : 0;
      } catch (error) {
        throw cliFailure(error, ctx.io, 'the scenario run', messagesOf([WorldFileError]));
      }
    });
