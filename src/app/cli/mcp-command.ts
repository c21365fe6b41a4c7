import { Command } from 'commander';
import type { Readable, Writable } from 'node:stream';
import { mcpTools } from '../mcp/tools/index.js';
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
      // From the tool list itself, so a new tool shows here without anyone remembering to add it.
      `\nTools: ${mcpTools.map((tool) => tool.name).join(', ')}.\n` +
        'Standard output carries the protocol; messages for people go to standard error.',
    )
    .action(async (options) => {
      const client = await clientFor(ctx, options as object);
      // Fail early with a readable message rather than on the first tool call.
      await client.get('GET /api/world/accounts');
      // Loaded here: the MCP SDK (with its JSON schema validator) is megabytes every other command never
      // needs. The tools themselves are light (zod, which the CLI loads anyway, and the admin client).
      const { serveMcp } = await import('../mcp/mcp-server.js');
      await serveMcp(client, ctx.io.stdin as Readable, ctx.io.stdoutStream as Writable);
    });
