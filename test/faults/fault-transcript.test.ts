import { afterEach, describe, expect, it } from 'vitest';
import type { FaultFired } from '../../src/onebot/faults/fault-gate.js';
import { startCatnap } from '../helpers/catnap.js';
import { until } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';
import { faultCatnap } from './helpers.js';

const send = (text: string) => ({ group_id: 30001, message: text });

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

describe('fired faults in the transcript', () => {
  it('each firing is a fault entry before the call it hit, in JSON and text, and the onFired signal', async () => {
    const env = await faultCatnap();
    stops.push(() => env.catnap.stop());
    const heard: FaultFired[] = [];
    const off = env.catnap.dispatcher.faults!.onFired((fired) => heard.push(fired));
    const rule = (await env.admin('POST', '/api/faults', { action: 'send_*', times: 1, effect: { type: 'fail', preset: 'risk_control' } }))
      .json.id as number;
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
    const socket = await env.socket();
    expect((await socket.call('send_group_msg', send('blocked'))).status).toBe('failed');
    // Used up: the next send fires nothing.
    expect((await socket.call('send_group_msg', send('through'))).status).toBe('ok');
    socket.close();
    off();

    const { entries } = (await env.admin('GET', `/api/world/transcript?since=${mark}`)).json as { entries: Record<string, unknown>[] };
    const faults = entries.filter((entry) => entry.kind === 'fault');
    expect(faults).toEqual([
      expect.objectContaining({
        kind: 'fault',
        rule_id: rule,
        self_id: 10001,
        transport: 'ws',
        action: 'send_group_msg',
        effect: 'fail',
        retcode: 1200,
        line: `fault rule ${rule} 10001 ws send_group_msg fail 1200`,
      }),
    ]);
    const kinds = entries.map((entry) => `${entry.kind}${entry.kind === 'call' ? ` ${entry.status}` : ''}`);
    expect(kinds.indexOf('fault')).toBe(kinds.indexOf('call failed') - 1);
    expect(heard).toEqual([
      { ruleId: rule, selfId: 10001, action: 'send_group_msg', transport: 'ws', effect: 'fail', retcode: 1200, time: expect.any(Number) },
    ]);
  });

  it('a wait on {kind: "fault"} answers when a rule fires, and event rules fire with the event name', async () => {
    const env = await startCatnap(smallWorld);
    stops.push(() => env.catnap.stop());
    const rule = (await env.admin('POST', '/api/faults', { self_id: 10002, action: 'get_*', effect: { type: 'delay', delay_ms: 1 } })).json
      .id as number;
    const waiting = env.admin('POST', '/api/world/wait', { match: { kind: 'fault', rule_id: rule, self_id: 10002 }, timeout_ms: 30_000 });
    // The wait counts from when it arrives: the calls go only once Catnap holds it.
    await until(() => env.catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    // Another account's call matches no rule and fires nothing.
    await env.admin('POST', '/api/world/act/10001/get_login_info', {});
    await env.admin('POST', '/api/world/act/10002/get_login_info', {});
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.json.matched).toEqual([
      expect.objectContaining({
        kind: 'fault',
        rule_id: rule,
        self_id: 10002,
        transport: 'admin',
        action: 'get_login_info',
        effect: 'delay',
      }),
    ]);
    expect(answer.json.matched[0]).not.toHaveProperty('retcode');

    const eventRule = (await env.admin('POST', '/api/faults', { event: 'message.*', effect: { type: 'no_reply' } })).json.id as number;
    const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
    expect(env.catnap.dispatcher.faults!.checkEvent(10001, 'message.group', 'http-post')?.ruleId).toBe(eventRule);
    const text = (await env.admin('GET', `/api/world/transcript?since=${mark}&format=text`)).text;
    expect(text).toMatch(new RegExp(`^\\+[\\d.]+s fault rule ${eventRule} 10001 http-post event message\\.group no_reply\\n$`));
  });

  it('the text form is the same on every run with a seed and a frozen clock', async () => {
    const run = async () => {
      const env = await startCatnap(smallWorld, { catnap: { seed: 7, clockStart: { frozen: true, atMs: Date.UTC(2026, 0, 1) } } });
      try {
        await env.admin('POST', '/api/faults', {
          action: 'send_group_msg',
          probability: 0.5,
          effect: { type: 'fail', preset: 'not_member' },
        });
        const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
        for (let i = 0; i < 8; i++) await env.admin('POST', '/api/world/act/10001/send_group_msg', send(`n${i}`));
        return (await env.admin('GET', `/api/world/transcript?since=${mark}&format=text`)).text as string;
      } finally {
        await env.catnap.stop();
      }
    };
    const first = await run();
    expect(first).toMatch(/^\+0s fault rule 1 10001 admin send_group_msg fail 200$/m);
    expect(first).toMatch(/call 10001 admin send_group_msg .* -> ok 0/);
    expect(await run()).toBe(first);
  });

  it('a listener that throws does not change the call', async () => {
    const env = await startCatnap(smallWorld);
    stops.push(() => env.catnap.stop());
    env.catnap.dispatcher.faults!.onFired(() => {
      throw new Error('listener broke');
    });
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', times: 1, effect: { type: 'fail', preset: 'risk_control' } });
    const reply = await env.admin('POST', '/api/world/act/10001/send_group_msg', send('x'));
    expect(reply.json).toMatchObject({ status: 'failed', retcode: 200 });
  });
});
