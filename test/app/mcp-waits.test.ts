import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { callTool as call, connectMcp } from '../helpers/mcp.js';
import { until } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';

// The MCP server in this process over the SDK's in-memory transport. Its admin client's own limit
// per call is short (300 ms), so a wait that must outlast it shows in a second.
let env: Awaited<ReturnType<typeof startCatnap>>;
let client: Client;
/** With the default limit per call (30 s). */
let patientClient: Client;
const clients: Client[] = [];
beforeAll(async () => {
  env = await startCatnap(smallWorld);
  client = await connect(300);
  patientClient = await connect(30_000);
});
afterAll(async () => {
  await Promise.all(clients.map((each) => each.close()));
  await env.catnap.stop();
});

async function connect(timeoutMs: number): Promise<Client> {
  const connected = await connectMcp(env.catnap.webuiUrl, timeoutMs);
  clients.push(connected);
  return connected;
}

const callTool = (name: string, args: Record<string, unknown>, options?: { signal?: AbortSignal }, through = client) =>
  call(through, name, args, options);

describe('catnap mcp wait_for', () => {
  it('waits as long as its timeout_ms, beyond the admin client’s limit for one call', async () => {
    // Generous, as the message comes only after the client's own limit and a loaded machine is slow.
    const waiting = callTool('wait_for', { match: { kind: 'message', text: 'late but in time' }, timeout_ms: 30_000 });
    await until(() => env.catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'late but in time' });
    const result = await waiting;
    expect(result.isError ?? false).toBe(false);
    expect(JSON.parse(result.content[0]!.text).matched[0]).toMatchObject({ kind: 'message', from: 20002 });
  });

  it('drops the wait when the agent cancels the call, so Catnap ends it instead of holding it for minutes', async () => {
    // The default limit per call (30 s): only the cancel can end this wait within the test.
    const patient = await connect(30_000);
    const controller = new AbortController();
    const waiting = callTool('wait_for', { match: { kind: 'message', text: 'never said' }, timeout_ms: 600_000 }, controller, patient);
    await until(() => env.catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    controller.abort();
    await expect(waiting).rejects.toThrow();
    await until(() => env.catnap.transcript.pendingWaits === 0, 30_000, 'the cancelled wait to end');
  });

  it('fails as a tool error when time runs out, with the admin API’s status and message and the closest entries', async () => {
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'almost the word' });
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark;
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'close to the word' });
    const result = await callTool('wait_for', { match: { kind: 'message', from: 20002, text: 'the word!' }, since: mark, timeout_ms: 50 });
    expect(result.isError).toBe(true);
    const [first, ...rest] = result.content[0]!.text.split('\n');
    expect(first).toBe('wait_for failed with HTTP 408 TIMEOUT: no entry matched within 50 ms (0 did)');
    const details = JSON.parse(rest.join('\n'));
    expect(details.matched).toEqual([]);
    expect(details.closest[0]).toMatchObject({ kind: 'message', text: 'close to the word' });
  });

  it('fails as a tool error when a none wait sees a match', async () => {
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark;
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'should stay unsaid' });
    const result = await callTool('wait_for', {
      match: { kind: 'message', text: 'unsaid' },
      since: mark,
      none: true,
      timeout_ms: 100,
    });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(
      /^wait_for failed with HTTP 409 MATCHED: an entry matched, and none should have within 100 ms\n/,
    );
    expect(result.content[0]!.text).toContain('should stay unsaid');
  });
});

describe('catnap mcp wait_for_message', () => {
  it('sees a message sent together with it (both calls at once), as its description promises', async () => {
    // Each round sends the trigger in the same breath as the wait: a wait that starts counting only
    // once its own setup is done (it used to open the live stream first) misses it and times out.
    for (let round = 0; round < 5; round++) {
      const text = `together ${round}`;
      const [waited, sent] = await Promise.all([
        callTool(
          'wait_for_message',
          // Long enough for a loaded machine: a wait that misses the message still fails, only later.
          { group_id: 30001, from_user_id: 20002, contains: text, timeout_seconds: 15 },
          undefined,
          patientClient,
        ),
        callTool('send_message', { as_user_id: 20002, group_id: 30001, text }, undefined, patientClient),
      ]);
      expect(sent.isError ?? false).toBe(false);
      expect(waited.content[0]!.text).not.toMatch(/no matching message/);
      expect(JSON.parse(waited.content[0]!.text)).toMatchObject({
        message_id: JSON.parse(sent.content[0]!.text).message_id,
        raw_message: text,
      });
    }
  }, 60_000);

  it('fails at once when Catnap stops, rather than waiting out timeout_seconds', async () => {
    const other = await startCatnap(smallWorld);
    const agent = await connectMcp(other.catnap.webuiUrl);
    clients.push(agent);
    const waiting = call(agent, 'wait_for_message', { group_id: 30001, timeout_seconds: 60 });
    await until(() => other.catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    const started = Date.now();
    await other.catnap.stop();
    const result = await waiting;
    // Far below the wait's 60 s, with room for a stop on a loaded machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.isError).toBe(true);
    // Catnap ends its pending waits as it stops (503), or is already gone.
    expect(result.content[0]!.text).toMatch(/^POST \/api\/world\/wait failed with HTTP 503: Catnap is stopping|^cannot reach Catnap/);
  }, 60_000);
});
