import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer } from '../../src/app/mcp/mcp-server.js';
import { CatnapClient } from '../../src/app/remote/catnap-client.js';

/** What a tool call answers: text content, isError when the tool failed. */
export interface ToolResult {
  readonly isError?: boolean;
  readonly content: { type: string; text: string }[];
}

/**
 * The MCP server in this process, over the SDK's in-memory transport, driving the Catnap at `url`
 * (token `admin-token`, as startCatnap gives it) with an admin client limited to `timeoutMs` per call.
 */
export async function connectMcp(url: string, timeoutMs = 30_000): Promise<Client> {
  const catnap = new CatnapClient({ url, token: 'admin-token', source: 'the test' }, timeoutMs);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(catnap).connect(serverSide);
  const client = new Client({ name: 'catnap-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options?: { signal?: AbortSignal },
): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args }, undefined, options)) as ToolResult;
}
