import { Command, Option } from 'commander';
import type { AccountView, AdapterStatus } from '../../contract/index.js';
import type { CatnapClient } from '../remote/catnap-client.js';
import type { CliCommand } from './cli-context.js';
import { clientFor, withConnectionOptions } from './remote-options.js';

type AccountRow = Pick<AccountView, 'user_id' | 'nickname' | 'bot'>;

interface Status {
  readonly url: string;
  readonly ready: boolean;
  readonly not_ready: readonly string[];
  readonly accounts: readonly AccountRow[];
  readonly groups: number;
  readonly bots: readonly (AccountRow & { removed: boolean; adapters: readonly AdapterStatus[] })[];
}

/** `catnap status`: what a running Catnap holds and serves, at a glance (or as JSON). */
export const statusCommand: CliCommand = (ctx) =>
  withConnectionOptions(
    new Command('status')
      .description("show a running Catnap's readiness, accounts, adapters and connected clients")
      .addOption(new Option('--json', 'print it as JSON')),
  )
    .addHelpText('after', '\nExit code 0 when Catnap is ready (every enabled adapter listening), 1 when it is not or cannot be reached.')
    .action(async (options: { json?: boolean }) => {
      const status = await readStatus(await clientFor(ctx, options as object));
      ctx.io.stdout(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      if (!status.ready) ctx.exitCode = 1;
    });

async function readStatus(client: CatnapClient): Promise<Status> {
  const readiness = await client.request<{ status: string; problems?: string[] }>('GET', '/readyz', undefined, [503]);
  const [accounts, groups, bots] = await Promise.all([
    client.get('GET /api/world/accounts'),
    client.get('GET /api/world/groups'),
    client.get('GET /api/bots'),
  ]);
  return {
    url: client.connection.url,
    ready: readiness.status === 'ready',
    not_ready: readiness.problems ?? [],
    accounts: accounts.map(({ user_id, nickname, bot }) => ({ user_id, nickname, bot })),
    groups: groups.length,
    bots: bots.map(({ user_id, nickname, bot, removed, adapters }) => ({ user_id, nickname, bot, removed, adapters })),
  };
}

function formatStatus(status: Status): string {
  const lines = [`Catnap at ${status.url}: ${status.ready ? 'ready' : 'NOT READY'}`];
  for (const problem of status.not_ready) lines.push(`  ${problem}`);
  const bots = status.accounts.filter((account) => account.bot).length;
  lines.push(`Accounts: ${status.accounts.length} (${bots} bot${bots === 1 ? '' : 's'}), groups: ${status.groups}`);
  for (const account of status.bots) {
    // An account a restore removed has no name to show, only adapters still running.
    const name = account.removed ? 'removed by a restore; its calls fail until it exists again' : account.nickname;
    lines.push(`Account ${account.user_id} (${name})${account.adapters.length === 0 ? ': no adapters running' : ''}`);
    for (const adapter of account.adapters) {
      lines.push(
        `  ${adapter.kind} "${adapter.name}" ${adapter.state} ${adapter.endpoint}, ${adapter.clients} client${adapter.clients === 1 ? '' : 's'}` +
          (adapter.error ? ` (${adapter.error})` : ''),
      );
      for (const connection of adapter.connections ?? []) {
        lines.push(`    ${connection.role} from ${connection.remote} since ${new Date(connection.since).toISOString()}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
