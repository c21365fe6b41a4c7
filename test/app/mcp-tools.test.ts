import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer, maxAnswerChars } from '../../src/app/mcp/mcp-server.js';
import { defineTool } from '../../src/app/mcp/mcp-tool.js';
import { CatnapClient } from '../../src/app/remote/catnap-client.js';
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

describe('catnap mcp inputs', () => {
  // The tools that pass their arguments on as a route's body take exactly what that route takes.
  it('set_clock takes unix seconds and milliseconds, as POST /api/clock does', async () => {
    const set = await callTool(client, 'set_clock', { set: 1_767_225_600, freeze: true });
    expect(set.isError ?? false).toBe(false);
    expect(JSON.parse(set.content[0]!.text)).toMatchObject({ now: 1_767_225_600, frozen: true });
    const advanced = await callTool(client, 'set_clock', { advance: 90_000 });
    expect(JSON.parse(advanced.content[0]!.text)).toMatchObject({ now: 1_767_225_690 });
  });

  it('set_clock refuses a key POST /api/clock does not know, rather than dropping it and only reading the clock', async () => {
    const before = JSON.parse((await callTool(client, 'set_clock', {})).content[0]!.text).now;
    const result = await callTool(client, 'set_clock', { advnce: '1d' });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('advnce');
    expect(JSON.parse((await callTool(client, 'set_clock', {})).content[0]!.text).now).toBe(before);
  });

  it('wait_for takes a mark as a number too, as POST /api/world/wait does', async () => {
    const { mark } = (await env.admin('POST', '/api/world/marks', {})).json;
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'since a numeric mark' });
    const result = await callTool(client, 'wait_for', {
      match: { kind: 'message', text: 'since a numeric mark' },
      since: Number(mark),
      timeout_ms: 2000,
    });
    expect(result.isError ?? false).toBe(false);
    expect(JSON.parse(result.content[0]!.text).matched).toHaveLength(1);
  });

  it('lists wait_for’s match with the kinds a wait takes, and refuses one without a kind before asking Catnap', async () => {
    const { tools } = await client.listTools();
    const match = tools.find((tool) => tool.name === 'wait_for')!.inputSchema.properties!.match as { required?: string[] };
    expect(match.required).toEqual(['kind']);
    const result = await callTool(client, 'wait_for', { match: { text: 'no kind' }, timeout_ms: 50 });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/^MCP error -32602: Input validation error/);
  });
});

describe('catnap mcp answers', () => {
  it('cuts an answer too large for an agent’s context, and says how large it was', async () => {
    const members = Array.from({ length: 20_000 }, (_, index) => ({ user_id: 100_000 + index, role: 'member', card: 'someone' }));
    const large = defineTool({ name: 'large', title: 'Large', description: 'A large answer', input: {}, run: async () => members });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(new CatnapClient({ url: env.catnap.webuiUrl, token: 'admin-token', source: 'the test' }), [large]).connect(
      serverSide,
    );
    const agent = new Client({ name: 'catnap-test', version: '1.0.0' });
    await agent.connect(clientSide);
    const result = await callTool(agent, 'large', {});
    await agent.close();
    const text = result.content[0]!.text;
    const whole = JSON.stringify(members, null, 2).length;
    expect(text.length).toBeLessThan(maxAnswerChars + 300);
    expect(text.startsWith(JSON.stringify(members, null, 2).slice(0, 1000))).toBe(true);
    expect(text).toMatch(
      new RegExp(`\\n… cut here: the answer is ${whole} characters, more than the ${maxAnswerChars} one answer carries`),
    );
  });
});
