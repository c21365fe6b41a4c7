import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Readable, Writable } from 'node:stream';
import { catnapVersion } from '../catnap.js';
import { RemoteError, type CatnapClient } from '../remote/catnap-client.js';
import { ToolError, type McpTool } from './mcp-tool.js';
import { mcpTools } from './tools/index.js';

/**
 * An MCP server whose tools drive a running Catnap through its admin API. It is a separate
 * process from Catnap on purpose: an MCP client (Claude Desktop, an IDE, an agent) starts it on
 * demand, while the world keeps running for the bots under test, and the agent sees the same
 * world as the console and the bots do.
 */
export function createMcpServer(catnap: CatnapClient, tools: readonly McpTool[] = mcpTools): McpServer {
  const server = new McpServer(
    { name: 'catnap', version: catnapVersion },
    {
      instructions:
        'Catnap simulates a QQ world (accounts, friends, groups) that QQ bots connect to over OneBot 11. ' +
        'Use these tools to look at the world and to act as any account: send messages, then wait for the bots’ replies.',
    },
  );
  // The marks still being taken for waits received earlier. An agent starts a wait "together
  // with" what should trigger it (two tool calls at once): the trigger's call must not reach
  // Catnap before the wait's mark does, or the wait would count from after what it waits for.
  let marking: Promise<unknown> = Promise.resolve();
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: tool.readOnly ?? false, openWorldHint: false },
      },
      async (args: unknown, extra: { signal: AbortSignal }) => {
        const earlier = marking;
        const mark = tool.marksFirst ? catnap.post<{ mark: string }>('/api/world/marks', {}).then((answer) => answer.mark) : undefined;
        if (mark) marking = Promise.all([earlier, mark.catch(() => undefined)]);
        try {
          await earlier;
          const result = await tool.run(args as never, { catnap, signal: extra.signal, ...(mark && { mark }) });
          return { content: [{ type: 'text' as const, text: bounded(JSON.stringify(result, null, 2)) }] };
        } catch (error) {
          // Expected failures go back to the agent as tool errors it can read and act on.
          if (error instanceof ToolError || error instanceof RemoteError) {
            const details = error instanceof ToolError && error.details !== undefined ? `\n${JSON.stringify(error.details, null, 2)}` : '';
            return { isError: true, content: [{ type: 'text' as const, text: bounded(error.message + details) }] };
          }
          throw error;
        }
      },
    );
  }
  return server;
}

/**
 * The most characters one answer carries (about 25,000 tokens). Some answers grow with the world
 * (act's get_group_member_list of a large group, list_accounts, a wait's thousands of matches):
 * whole, they would flood the agent's context, or exceed what its client takes, at once.
 */
export const maxAnswerChars = 100_000;

/** The text as it is, or its beginning with a note that says it was cut and what to do. */
function bounded(text: string): string {
  if (text.length <= maxAnswerChars) return text;
  return (
    `${text.slice(0, maxAnswerChars)}\n… cut here: the answer is ${text.length} characters, more than the ${maxAnswerChars} ` +
    'one answer carries; ask for less (a smaller count, a narrower match, one group or chat at a time)'
  );
}

/** Serves MCP on the given streams until the client closes them. */
export async function serveMcp(catnap: CatnapClient, stdin: Readable, stdout: Writable): Promise<void> {
  const server = createMcpServer(catnap);
  const transport = new StdioServerTransport(stdin, stdout);
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  await new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
    void closed.then(resolve);
  });
  await server.close();
}
