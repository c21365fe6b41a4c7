import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { hostOf, isLoopbackHost } from '../../network/exposure.js';
import { createLogger } from '../../util/logger.js';
import { parseInstant } from '../../util/clock.js';
import { maxSeed } from '../../util/random.js';
import { Catnap, catnapVersion, type CatnapOptions } from '../catnap.js';
import { CliError, type CliCommand, type CliIo } from './cli-context.js';
import { describeStartFailure } from './start-failure.js';

/** `catnap start`'s flags as commander hands them over. */
export interface StartFlags {
  readonly data?: string;
  readonly world?: string;
  readonly webuiPort?: string;
  readonly webuiToken?: string;
  readonly host?: string;
  readonly clock?: string;
  readonly seed?: string;
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
  const clockText = flags.clock ?? env.CATNAP_CLOCK;
  const seedText = flags.seed ?? env.CATNAP_SEED;
  return {
    dataDir: flags.data ?? env.CATNAP_DATA ?? './data',
    ...(worldFile && { worldFile }),
    ...(webuiPort !== undefined && { webuiPort }),
    ...(webuiToken && { webuiToken }),
    ...(flags.host && { host: flags.host }),
    ...(clockText !== undefined && { clockStart: clockStartOf(clockText) }),
    ...(seedText !== undefined && { seed: seedOf(seedText) }),
  };
}

/** `--clock frozen` stops the world's clock at the moment of start; `--clock <ISO or unix seconds>` stops it there. */
function clockStartOf(text: string): { readonly atMs?: number; readonly frozen: true } {
  if (text.trim() === 'frozen') return { frozen: true };
  const atMs = parseInstant(text);
  if (atMs === undefined)
    throw new CliError(`--clock must be "frozen", unix seconds or an ISO 8601 time such as 2026-01-01T00:00:00+08:00, got ${text}`, 2);
  return { atMs, frozen: true };
}

function seedOf(text: string): number {
  const seed = Number(text);
  if (text.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > maxSeed) {
    throw new CliError(`--seed must be an integer from 0 to ${maxSeed}, got ${text}`, 2);
  }
  return seed;
}

/** Adds start's options to a command (the program itself takes them too: a bare `catnap` starts). */
export function withStartOptions(command: Command): Command {
  return command
    .addOption(new Option('--data <dir>', 'data directory: catnap.db, config/, media (env CATNAP_DATA, default ./data)'))
    .addOption(new Option('--world <file>', 'apply a world file (JSON or YAML) at start, idempotently (env CATNAP_WORLD)'))
    .addOption(new Option('--webui-port <port>', 'port of the web UI and admin API (env CATNAP_WEBUI_PORT, default 6099)'))
    .addOption(new Option('--webui-token <token>', 'token of the web UI and admin API (env CATNAP_WEBUI_TOKEN; default generated, saved)'))
    .addOption(new Option('--host <host>', "web UI host, and the host of the default world's adapters (default 127.0.0.1)"))
    .addOption(
      new Option('--clock <frozen|time>', "start the world's clock frozen: now, or at an ISO 8601 time or unix seconds (env CATNAP_CLOCK)"),
    )
    .addOption(new Option('--seed <n>', 'seed every value the world makes up, for reproducible runs (env CATNAP_SEED)'));
}

export const startCommand: CliCommand = (ctx) =>
  withStartOptions(new Command('start').description("run Catnap: the world, every bot account's OneBot adapters, the web UI and admin API"))
    .addHelpText('after', '\nFlags win over environment variables. Stop with Ctrl-C (SIGINT) or SIGTERM; everything is already on disk.')
    .action(async (flags: StartFlags) => {
      ctx.exitCode = await runCatnap(startOptions(flags, ctx.io.env), ctx.io);
    });

/** Starts Catnap, prints the banner and resolves with the exit code once a signal has stopped it. */
export async function runCatnap(options: CatnapOptions, io: CliIo): Promise<number> {
  const logger = options.logger ?? createLogger();
  let catnap: Catnap;
  try {
    catnap = await Catnap.start({ ...options, logger });
  } catch (error) {
    // A person reads this: one message naming what to change; the details are for the log.
    logger.debug({ err: error }, 'catnap start failed');
    throw describeStartFailure(error, io, resolve(options.dataDir));
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

/**
 * The lines printed once Catnap is up: where everything listens and how to log in. Tokens are
 * not printed (terminals are shared, scrolled back and logged), only where they are kept; the
 * one exception is a web UI token generated by this very start, which nobody could know yet.
 */
export async function banner(catnap: Catnap): Promise<string[]> {
  const lines = [`Catnap ${catnapVersion} is running (data: ${catnap.dataDir})`];
  if (catnap.createdDefaultWorld) lines.push('Created the default world (bot 10001, users 20001-20004, groups 30001 and 30002).');
  const settingsFile = join(catnap.dataDir, 'config', 'catnap.json');
  if (catnap.webuiTokenGenerated) {
    lines.push(`Web UI:    ${catnap.webuiUrl}/?token=${encodeURIComponent(catnap.settings.webui.token)}`);
    lines.push(`Admin API: ${catnap.webuiUrl}/api/world (Authorization: Bearer ${catnap.settings.webui.token})`);
  } else {
    lines.push(`Web UI:    ${catnap.webuiUrl}/ (token: webui.token in ${settingsFile})`);
    lines.push(`Admin API: ${catnap.webuiUrl}/api/world (Authorization: Bearer <the web UI token>)`);
  }
  lines.push(`OpenAPI:   ${catnap.webuiUrl}/openapi.json`);
  for (const selfId of catnap.network.accounts()) {
    const account = await catnap.world.accounts.find(selfId);
    for (const status of catnap.network.status(selfId)) {
      const token = catnap.network.config(selfId) ? tokenOf(catnap, selfId, status.kind, status.name) : '';
      const where = token ? ` (token in ${catnap.configFiles.pathOf(selfId)})` : ' (no token)';
      lines.push(`Account ${selfId} (${account?.nickname ?? '?'}): ${status.kind} "${status.name}" ${status.endpoint}${where}`);
      if (!token && status.kind.endsWith('Servers') && !isLoopbackHost(hostOf(status.endpoint))) {
        lines.push(`  Warning: no token beyond loopback; anyone who reaches ${status.endpoint} acts as account ${selfId}.`);
      }
    }
  }
  lines.push(...catnap.milky.bannerLines((selfId) => catnap.world.accounts.find(selfId)?.nickname ?? '?'));
  if (catnap.settings.media.fileRoots.length === 0 && !catnap.onLoopbackOnly()) {
    lines.push('Local media files: off while Catnap listens beyond loopback (list folders in media.fileRoots to allow some).');
  }
  return lines;
}

function tokenOf(catnap: Catnap, selfId: number, kind: string, name: string): string {
  const entries = (catnap.network.config(selfId)?.network as Record<string, { name: string; token?: string }[]> | undefined)?.[kind] ?? [];
  return entries.find((entry) => entry.name === name)?.token ?? '';
}
