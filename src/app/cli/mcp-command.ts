import { Command } from 'commander';
import type { Readable, Writable } from 'node:stream';
import type { CliCommand } from './cli-context.js';
import { clientFor, withConnectionOptions } from './remote-options.js';

/** `catnap mcp`: a Model Context Protocol server on stdin/stdout, driving a running Catnap. */
export const mcpCommand: CliCommand = (ctx) =>
  withConnectionOptions(
    new Command('mcp').description(
      'serve the Model Context Protocol over stdio (for Claude Desktop, IDEs, agents): tools to read and drive a running Catnap',
    ),
  )
    .addHelpText(
      'after',
      '\nTools: list_accounts, list_groups, read_conversation, send_message, act, wait_for_message.\n' +
        'Standard output carries the protocol; messages for people go to standard error.',
    )
    .action(async (options) => {
      const client = await clientFor(ctx, options as object);
      // Fail early with a readable message rather than on the first tool call.
      await client.get('GET /api/world/accounts');
      // Loaded here: the MCP SDK (with its JSON schema validator) is megabytes every other command never needs.
      const { serveMcp } = await import('../mcp/mcp-server.js');
      await serveMcp(client, ctx.io.stdin as Readable, ctx.io.stdoutStream as Writable);
    });
