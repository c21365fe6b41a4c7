import { parseArgs } from 'node:util';
import { PortInUseError } from '../network/adapter.js';
import { OneBotConfigError } from '../network/onebot-config.js';
import { MilkyConfigError } from '../network/milky/milky-config.js';
import { WorldFileError } from '../world/world-file.js';
import { Catnap, catnapVersion, StartupError, type CatnapOptions } from './catnap.js';
import { SettingsError } from './settings.js';

const usage = `Usage: catnap start [options]

Options (flags win over environment variables):
  --data DIR          data directory                      (CATNAP_DATA, default ./data)
  --world FILE        apply a world file (JSON or YAML)   (CATNAP_WORLD)
  --webui-port N      web UI and admin API port           (CATNAP_WEBUI_PORT, default 6099)
  --webui-token T     web UI and admin API token          (CATNAP_WEBUI_TOKEN, default: generated, saved)
  --host HOST         web UI host, and the host of the default world's adapters (default 127.0.0.1)
  -h, --help          show this help
  -v, --version       print the version
`;

/** Parses argv (without node and the script) into start options; throws a usage error. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { command: string; options: CatnapOptions } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      world: { type: 'string' },
      'webui-port': { type: 'string' },
      'webui-token': { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return { command: 'help', options: { dataDir: '' } };
  if (values.version) return { command: 'version', options: { dataDir: '' } };
  const command = positionals[0] ?? 'start';
  if (command !== 'start' || positionals.length > 1) throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  const portText = values['webui-port'] ?? env.CATNAP_WEBUI_PORT;
  let webuiPort: number | undefined;
  if (portText !== undefined) {
    webuiPort = Number(portText);
    if (!Number.isInteger(webuiPort) || webuiPort < 0 || webuiPort > 65535)
      throw new UsageError(`--webui-port must be a port number, got ${portText}`);
  }
  const worldFile = values.world ?? env.CATNAP_WORLD;
  const webuiToken = values['webui-token'] ?? env.CATNAP_WEBUI_TOKEN;
  return {
    command,
    options: {
      dataDir: values.data ?? env.CATNAP_DATA ?? './data',
      ...(worldFile && { worldFile }),
      ...(webuiPort !== undefined && { webuiPort }),
      ...(webuiToken && { webuiToken }),
      ...(values.host && { host: values.host }),
    },
  };
}

class UsageError extends Error {}

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

/** Runs the CLI; resolves to the process exit code once Catnap has stopped (or failed to start). */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    process.stderr.write(`catnap: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.command === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (parsed.command === 'version') {
    process.stdout.write(`${catnapVersion}\n`);
    return 0;
  }
  let catnap: Catnap;
  try {
    catnap = await Catnap.start(parsed.options);
  } catch (error) {
    if (isExpected(error)) {
      process.stderr.write(`catnap: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`${(await banner(catnap)).join('\n')}\n`);
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      process.stdout.write(`catnap: ${signal} received, stopping\n`);
      catnap.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

function isExpected(error: unknown): boolean {
  return [StartupError, WorldFileError, SettingsError, OneBotConfigError, MilkyConfigError, PortInUseError].some(
    (type) => error instanceof type,
  );
}
