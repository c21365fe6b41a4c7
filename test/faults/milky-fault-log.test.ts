import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { postJson } from '../helpers/spawn.js';

/** A Milky bot (10001) in a group with a person (20001). */
const world: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Milky Bot', bot: true, milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' } } },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Meeting Point', owner_id: 20001 }],
};

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(world);
});
afterAll(async () => env.catnap.stop());

const send = (text: string) => ({ group_id: 30001, message: [{ type: 'text', data: { text } }] });

async function milky(api: string, input: unknown): Promise<any> {
  const port = env.catnap.milky.manager.server(10001)!.port;
  return (await postJson(`http://127.0.0.1:${port}/milky/api/${api}`, input, { authorization: 'Bearer milky-token' })).json;
}

/** The console's live socket; `until` waits (generously, for a loaded machine) for a matching frame. */
async function openLive(streams: string) {
  const ws = new WebSocket(`${env.catnap.webuiUrl.replace('http', 'ws')}/api/live?token=admin-token&streams=${streams}`);
  const frames: any[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const until = async (test: (frame: any) => boolean) => {
    await expect.poll(() => frames.find(test), { timeout: 15_000 }).toBeDefined();
    return frames.find(test);
  };
  return { ws, frames, until };
}

/** A rule hitting a Milky call is told as a OneBot call's is (docs/faults.md, "Fired faults in the transcript"). */
describe('fired faults on Milky calls', () => {
  it('are transcript fault entries before the call, fault frames in the live log, and their call frames carry the fault', async () => {
    const live = await openLive('call,fault');
    const rule = (
      await env.admin('POST', '/api/faults', { action: 'send_group_message', times: 1, effect: { type: 'fail', preset: 'not_member' } })
    ).json.id as number;
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
    expect(await milky('send_group_message', send('refused'))).toMatchObject({ status: 'failed', retcode: -500 });

    const { entries } = (await env.admin('GET', `/api/world/transcript?since=${mark}`)).json as { entries: Record<string, unknown>[] };
    const kinds = entries.map((entry) => entry.kind);
    expect(kinds).toEqual(['fault', 'call']);
    expect(entries[0]).toMatchObject({
      rule_id: rule,
      self_id: 10001,
      transport: 'milky',
      action: 'send_group_message',
      effect: 'fail',
      retcode: -500,
      line: `fault rule ${rule} 10001 milky send_group_message fail -500`,
    });

    const fired = await live.until((frame) => frame.type === 'fault');
    expect(fired.fault).toMatchObject({ rule_id: rule, self_id: 10001, action: 'send_group_message', transport: 'milky', retcode: -500 });
    const call = await live.until((frame) => frame.type === 'call' && frame.call.transport === 'milky');
    expect(call.call.fault).toEqual({ rule_id: rule, effect: 'fail', reason: `fault rule ${rule}` });
    expect(live.frames.indexOf(fired)).toBeLessThan(live.frames.indexOf(call));
    live.ws.close();
  });

  it('a held call (no_reply) is a fault entry while it is held, so a test can wait for it', async () => {
    const rule = (await env.admin('POST', '/api/faults', { action: 'send_group_message', times: 1, effect: { type: 'no_reply' } })).json
      .id as number;
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
    const controller = new AbortController();
    const port = env.catnap.milky.manager.server(10001)!.port;
    const held = fetch(`http://127.0.0.1:${port}/milky/api/send_group_message`, {
      method: 'POST',
      headers: { authorization: 'Bearer milky-token', 'content-type': 'application/json' },
      body: JSON.stringify(send('held')),
      signal: controller.signal,
    }).catch(() => undefined);
    const waited = await env.admin('POST', '/api/world/wait', { match: { kind: 'fault', rule_id: rule }, since: mark, timeout_ms: 30_000 });
    expect(waited.status).toBe(200);
    expect(waited.json.matched).toEqual([expect.objectContaining({ kind: 'fault', transport: 'milky', effect: 'no_reply' })]);
    controller.abort();
    await held;
  });
});
