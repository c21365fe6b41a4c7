import { Command, Option } from 'commander';
import { PortInUseError } from '../../network/adapter.js';
import { OneBotConfigError } from '../../network/onebot-config.js';
import { MilkyConfigError } from '../../network/milky/milky-config.js';
import { WorldFileError } from '../../world/world-file.js';
import { Catnap, catnapVersion, StartupError, type CatnapOptions } from '../catnap.js';
import { SettingsError } from '../settings.js';
import { CliError, type CliCommand, type CliIo } from './cli-context.js';

/** `catnap start`'s flags as commander hands them over. */
export interface StartFlags {
  readonly data?: string;
  readonly world?: string;
  readonly webuiPort?: string;
  readonly webuiToken?: string;
  readonly host?: string;
}

/** Turns flags and environment variables into start options (flags win), DESIGN's defaults included. */
export function startOptions(flags: StartFlags, env: NodeJS.ProcessEnv): CatnapOptions {
  const portText = flags.webuiPort ?? env.CATNAP_WEBUI_PORT;
  let webuiPort: number | undefined;
  if (portText !== undefined) {
    webuiPort = Number(portText);
    if (portText.trim() === '' || !Number.isInteger(webuiPort) || webuiPort < 0 || webuiPort > 65535)
      throw new CliError(`--webui-port must be a port number, got ${portText}`, 2);
  }
  const worldFile = flags.world ?? env.CATNAP_WORLD;
  const webuiToken = flags.webuiToken ?? env.CATNAP_WEBUI_TOKEN;
  return {
    dataDir: flags.data ?? env.CATNAP_DATA ?? './data',
    ...(worldFile && { worldFile }),
    ...(webuiPort !== undefined && { webuiPort }),
    ...(webuiToken && { webuiToken }),
    ...(flags.host && { host: flags.host }),
  };
}

/** Adds start's options to a command (the program itself takes them too: a bare `catnap` starts). */
export function withStartOptions(command: Command): Command {
  return command
    .addOption(new Option('--data <dir>', 'data directory: catnap.db, config/, media (env CATNAP_DATA, default ./data)'))
    .addOption(new Option('--world <file>', 'apply a world file (JSON or YAML) at start, idempotently (env CATNAP_WORLD)'))
    .addOption(new Option('--webui-port <port>', 'port of the web UI and admin API (env CATNAP_WEBUI_PORT, default 6099)'))
    .addOption(new Option('--webui-token <token>', 'token of the web UI and admin API (env CATNAP_WEBUI_TOKEN; default generated, saved)'))
    .addOption(new Option('--host <host>', "web UI host, and the host of the default world's adapters (default 127.0.0.1)"));
}

export const startCommand: CliCommand = (ctx) =>
  withStartOptions(new Command('start').description("run Catnap: the world, every bot account's OneBot adapters, the web UI and admin API"))
    .addHelpText('after', '\nFlags win over environment variables. Stop with Ctrl-C (SIGINT) or SIGTERM; everything is already on disk.')
    .action(async (flags: StartFlags) => {
      ctx.exitCode = await runCatnap(startOptions(flags, ctx.io.env), ctx.io);
    });

/** Starts Catnap, prints the banner and resolves with the exit code once a signal has stopped it. */
export async function runCatnap(options: CatnapOptions, io: CliIo): Promise<number> {
  let catnap: Catnap;
  try {
    catnap = await Catnap.start(options);
  } catch (error) {
    if (
      [StartupError, WorldFileError, SettingsError, OneBotConfigError, MilkyConfigError, PortInUseError].some(
        (type) => error instanceof type,
      )
    ) {
      throw new CliError((error as Error).message);
    }
    throw error;
  }
  io.stdout(`${(await banner(catnap)).join('\n')}\n`);
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      io.stdout(`catnap: ${signal} received, stopping\n`);
      catnap.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

/** The lines printed once Catnap is up: where everything listens and how to log in. */
export async function banner(catnap: Catnap): Promise<string[]> {
  const lines = [`Catnap ${catnapVersion} is running (data: ${catnap.dataDir})`];
  if (catnap.createdDefaultWorld) lines.push('Created the default world (bot 10001, users 20001-20004, groups 30001 and 30002).');
  lines.push(`Web UI:    ${catnap.webuiUrl}/?token=${encodeURIComponent(catnap.settings.webui.token)}`);
  lines.push(`Admin API: ${catnap.webuiUrl}/api/world (Authorization: Bearer ${catnap.settings.webui.token})`);
  lines.push(`OpenAPI:   ${catnap.webuiUrl}/openapi.json`);
  for (const selfId of catnap.network.accounts()) {
    const account = await catnap.world.accounts.find(selfId);
    for (const status of catnap.network.status(selfId)) {
      const token = catnap.network.config(selfId) ? tokenOf(catnap, selfId, status.kind, status.name) : '';
      lines.push(
        `Account ${selfId} (${account?.nickname ?? '?'}): ${status.kind} "${status.name}" ${status.endpoint}${token ? ` token ${token}` : ' (no token)'}`,
      );
    }
  }
  const names = new Map((await catnap.world.accounts.list()).map((account) => [account.userId, account.nickname]));
  lines.push(...catnap.milky.bannerLines((selfId) => names.get(selfId) ?? '?'));
  return lines;
}

function tokenOf(catnap: Catnap, selfId: number, kind: string, name: string): string {
  const entries = (catnap.network.config(selfId)?.network as Record<string, { name: string; token?: string }[]> | undefined)?.[kind] ?? [];
  return entries.find((entry) => entry.name === name)?.token ?? '';
}
