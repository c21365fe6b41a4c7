import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { repoRoot } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

// The real `catnap mcp` process (build first: it runs dist/), driven by the MCP SDK's own client.
let env: Awaited<ReturnType<typeof startCatnap>>;
let client: Client;
let stderr = '';
beforeAll(async () => {
  env = await startCatnap(smallWorld);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(repoRoot, 'bin/catnap.js'), 'mcp', '--url', env.catnap.webuiUrl, '--token', 'admin-token'],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'catnap-test', version: '1.0.0' });
  await client.connect(transport);
});
afterAll(async () => {
  await client?.close();
  await env.catnap.stop();
});

/** Calls a tool and parses its JSON answer; a tool error is returned as `{ error }`. */
async function call(name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: { type: string; text: string }[] };
  const text = result.content[0]!.text;
  return result.isError ? { error: text } : JSON.parse(text);
}

describe('catnap mcp', () => {
  it('lists its tools with input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'list_accounts',
      'list_groups',
      'read_conversation',
      'send_message',
      'act',
      'wait_for_message',
      'save_snapshot',
      'list_snapshots',
      'restore_snapshot',
      'reset_world',
      'set_clock',
      'wait_for',
    ]);
    const send = tools.find((tool) => tool.name === 'send_message')!;
    expect(send.inputSchema.required).toEqual(['as_user_id', 'text']);
    expect(tools.find((tool) => tool.name === 'list_accounts')!.annotations?.readOnlyHint).toBe(true);
  });

  it('lists accounts and groups', async () => {
    expect(await call('list_accounts')).toContainEqual({ user_id: 10001, nickname: 'Bot A', bot: true });
    const lounge = (await call('list_groups')).find((group: any) => group.group_id === 30001);
    expect(lounge).toMatchObject({ group_name: 'Lounge', owner_id: 20001 });
    expect(lounge.members).toContainEqual({ user_id: 10001, role: 'admin' });
  });

  it('sends as any account; the message is in the history', async () => {
    const sent = await call('send_message', { as_user_id: 20002, group_id: 30001, text: 'hello from an agent' });
    expect(sent.message_id).toBeGreaterThan(0);
    const history = await env.admin('POST', '/api/world/act/10001/get_group_msg_history', { group_id: 30001, count: 5 });
    expect(history.json.data.messages.at(-1)).toMatchObject({
      message_id: sent.message_id,
      raw_message: 'hello from an agent',
      sender: { user_id: 20002 },
    });
    const read = await call('read_conversation', { as_user_id: 20001, group_id: 30001, count: 1 });
    expect(read).toEqual([expect.objectContaining({ message_id: sent.message_id, sender_id: 20002, text: 'hello from an agent' })]);
  });

  it('reads a chat with no message yet as empty, where NapCat’s history fails', async () => {
    expect(await call('read_conversation', { as_user_id: 20001, group_id: 30002, count: 5 })).toEqual([]);
    expect((await call('read_conversation', { as_user_id: 20003, group_id: 30002 })).error).toContain('retcode 2101');
  });

  it('reports QQ’s refusals and bad arguments as tool errors', async () => {
    expect((await call('send_message', { as_user_id: 20003, group_id: 30002, text: 'hi' })).error).toContain('retcode 2101');
    expect((await call('send_message', { as_user_id: 20003, text: 'hi' })).error).toContain('exactly one of group_id and user_id');
    expect((await call('send_message', { as_user_id: 'me', group_id: 30001, text: 'hi' })).error).toMatch(/as_user_id/);
  });

  it('acts as any account with QQ’s rules', async () => {
    expect(
      await call('act', { as_user_id: 20001, action: 'set_group_card', params: { group_id: 30001, user_id: 20003, card: 'Caz' } }),
    ).toMatchObject({ retcode: 0 });
    const member = await env.admin('POST', '/api/world/act/20003/get_group_member_info', { group_id: 30001, user_id: 20003 });
    expect(member.json.data.card).toBe('Caz');
    expect((await call('act', { as_user_id: 20003, action: 'set_group_kick', params: { group_id: 30001, user_id: 20002 } })).error).toMatch(
      /^set_group_kick failed: retcode 2103: /,
    );
  });

  it('waits for a matching message', async () => {
    let done = false;
    const waiting = call('wait_for_message', { group_id: 30001, from_user_id: 20001, contains: 'answer', timeout_seconds: 20 }).finally(
      () => (done = true),
    );
    // The wait subscribes at some point after the call: keep sending rounds of two messages that
    // must be skipped, then one that matches, until it answers.
    for (let round = 0; !done && round < 50; round++) {
      await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'answer from the wrong person' });
      await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'not this one' });
      await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: `the answer is ${round}` });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await waiting).toMatchObject({
      raw_message: expect.stringMatching(/^the answer is \d+$/),
      sender: { user_id: 20001 },
      group_id: 30001,
    });
    expect((await call('wait_for_message', { user_id: 20003, timeout_seconds: 1 })).error).toContain('no matching message within 1 s');
  });

  it('saves and restores snapshots, moves the clock and waits on the transcript', async () => {
    // Frozen before the snapshot: a running clock restored would read a second later across a tick.
    const { now } = await call('set_clock', { freeze: true });
    expect((await call('save_snapshot', { name: 'mcp' })).name).toBe('mcp');
    expect((await call('list_snapshots')).map((snapshot: any) => snapshot.name)).toContain('mcp');
    expect((await call('set_clock', { advance: '1d' })).now).toBe(now + 86_400);
    // From a mark: a wait that reaches Catnap after the message still sees it.
    const { mark } = (await env.admin('POST', '/api/world/marks', {})).json;
    const waiting = call('wait_for', { match: { kind: 'message', from: 20002, text: 'mcp wait' }, since: mark, timeout_ms: 10_000 });
    await call('send_message', { as_user_id: 20002, group_id: 30001, text: 'mcp wait' });
    expect((await waiting).matched[0]).toMatchObject({ kind: 'message', group_id: 30001 });
    expect((await call('wait_for', { match: { kind: 'message', text: 'never said' }, timeout_ms: 50 })).error).toContain(
      'HTTP 408 TIMEOUT',
    );
    expect((await call('restore_snapshot', { name: 'mcp' })).name).toBe('mcp');
    expect((await call('set_clock')).now).toBe(now);
    expect((await call('reset_world')).name).toBe('start');
    expect((await call('restore_snapshot', { name: 'nope' })).error).toContain('404');
  });

  it('writes nothing but the protocol to stdout (people’s messages go to stderr)', () => {
    expect(stderr).toBe('');
  });
});
