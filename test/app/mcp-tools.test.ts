import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { callTool, connectMcp } from '../helpers/mcp.js';
import { smallWorld } from '../helpers/world.js';

// The tools' answers and failures, through the MCP server in this process (in-memory transport).
let env: Awaited<ReturnType<typeof startCatnap>>;
let client: Client;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
  client = await connectMcp(env.catnap.webuiUrl);
});
afterAll(async () => {
  await client?.close();
  await env.catnap.stop();
});

describe('catnap mcp act', () => {
  it('answers the whole reply of an action that succeeded', async () => {
    const result = await callTool(client, 'act', { as_user_id: 20001, action: 'get_login_info' });
    expect(result.isError ?? false).toBe(false);
    expect(JSON.parse(result.content[0]!.text)).toMatchObject({ status: 'ok', retcode: 0, data: { user_id: 20001 } });
  });

  it('reports a refused action as a tool error with its retcode and reason, then the whole reply', async () => {
    const result = await callTool(client, 'act', {
      as_user_id: 20003,
      action: 'set_group_kick',
      params: { group_id: 30001, user_id: 20002 },
    });
    expect(result.isError).toBe(true);
    const [first, ...rest] = result.content[0]!.text.split('\n');
    expect(first).toMatch(/^set_group_kick failed: retcode 2103: .+/);
    expect(JSON.parse(rest.join('\n'))).toMatchObject({ status: 'failed', retcode: 2103 });
  });
});
