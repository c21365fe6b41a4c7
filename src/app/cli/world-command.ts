import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { stringify as toYaml } from 'yaml';
import { MilkyConfigFiles, OneBotConfigFiles } from '../../network/config-files.js';
import { MediaService } from '../../world/media/media-service.js';
import { SqliteWorldStore } from '../../world/store/sqlite/sqlite-store.js';
import { exportWorld } from '../../world/world-export.js';
import { World } from '../../world/world.js';
import { StartupError } from '../startup-error.js';
import { readWorldFile } from '../world-file-reader.js';
import { validateWorldFile } from '../world-validation.js';
import { CliError, type CliCommand, type CliContext } from './cli-context.js';
import { cliFailure, messagesOf } from './cli-failure.js';

/** `catnap world validate FILE` and `catnap world export`: world files without a running Catnap. */
export const worldCommand: CliCommand = (ctx) => {
  const world = new Command('world').description('check and export world files (no running Catnap needed)');
  world
    .command('validate')
    .description('check a world file (JSON, or YAML by its .yaml/.yml name); prints every problem with its path')
    .argument('<file>', 'the world file')
    .addHelpText('after', '\nExit code 0 when the file would apply to a fresh data folder, 1 with the list of problems otherwise.')
    .action((file: string) => validate(ctx, file));
  world
    .command('export')
    .description("print a data folder's world as a world file, with every account's OneBot and Milky configs")
    .addOption(new Option('--data <dir>', 'the data folder (env CATNAP_DATA, default ./data)'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .addOption(new Option('-o, --output <file>', 'write to a file instead of standard output'))
    .action((options: { data?: string; format: 'json' | 'yaml'; output?: string }) => exportCommand(ctx, options));
  return world;
};

async function validate(ctx: CliContext, file: string): Promise<void> {
  let input: unknown;
  try {
    input = await readWorldFile(file);
  } catch (error) {
    throw cliFailure(error, ctx.io, 'catnap world validate', messagesOf([StartupError]));
  }
  const problems = validateWorldFile(input);
  if (problems.length === 0) {
    ctx.io.stdout(`${file}: ok\n`);
    return;
  }
  ctx.io.stderr(
    `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((line) => `  ${line}\n`).join('')}`,
  );
  ctx.exitCode = 1;
}

async function exportCommand(ctx: CliContext, options: { data?: string; format: 'json' | 'yaml'; output?: string }): Promise<void> {
  const dataDir = resolve(options.data ?? ctx.io.env.CATNAP_DATA ?? './data');
  const database = join(dataDir, 'catnap.db');
  if (!existsSync(database))
    throw new CliError(`no world in ${dataDir}: ${database} does not exist (start Catnap with --data ${dataDir} once)`);
  // SQLite in WAL mode lets this read while a Catnap on the same folder keeps writing.
  const world = new World({ store: new SqliteWorldStore(database), media: new MediaService(join(dataDir, 'media')) });
  // Both kinds of config, as GET /api/world/export writes them: a file exported here applies to the same bots.
  const onebot = new OneBotConfigFiles(join(dataDir, 'config'));
  const milky = new MilkyConfigFiles(join(dataDir, 'config'));
  let text: string;
  try {
    const file = await exportWorld(
      world,
      async (userId) => (await onebot.read(userId)) ?? undefined,
      async (userId) => (await milky.read(userId)) ?? undefined,
    );
    text = options.format === 'yaml' ? toYaml(file) : `${JSON.stringify(file, null, 2)}\n`;
  } finally {
    await world.close();
  }
  if (options.output) await writeFile(options.output, text);
  else ctx.io.stdout(text);
}
