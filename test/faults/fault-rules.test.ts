import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { presetMessages } from '../../src/onebot/faults/fault-presets.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';
import { faultCatnap, loungeTexts } from './helpers.js';

let env: Awaited<ReturnType<typeof faultCatnap>>;
beforeAll(async () => {
  env = await faultCatnap();
});
afterAll(async () => env.catnap.stop());
beforeEach(async () => {
  await env.admin('DELETE', '/api/faults');
});

const send = (text: string) => ({ group_id: 30001, message: text });

// NapCat #788 / #1410: a risk-controlled send, as NapCat answers it over WebSocket, byte for byte.
const riskControlMessage =
  'Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n' +
  '{\n    "result": 0,\n    "errMsg": ""\n}\n';

describe('fault rules', () => {
  it("a send_group_msg made to fail with the risk-control preset answers exactly NapCat's envelope, and nothing is sent", async () => {
    const created = await env.admin('POST', '/api/faults', { action: 'send_group_msg', effect: { type: 'fail', preset: 'risk_control' } });
    expect(created.status).toBe(201);
    expect(presetMessages.risk_control).toBe(riskControlMessage);
    const socket = await env.socket();
    const before = await loungeTexts(env);
    const reply = await socket.call('send_group_msg', send('hello over ws'));
    expect(reply).toEqual({
      status: 'failed',
      retcode: 1200,
      data: null,
      message: riskControlMessage,
      wording: riskControlMessage,
      echo: reply.echo,
      stream: 'normal-action',
    });
    // Over HTTP NapCat answers the same error with retcode 200 (HTTP status 200).
    const overHttp = await env.http('send_group_msg', send('hello over http'));
    expect(overHttp).toEqual({
      status: 200,
      json: {
        status: 'failed',
        retcode: 200,
        data: null,
        message: riskControlMessage,
        wording: riskControlMessage,
        // NapCat's HTTP server makes up an echo for a call that sent none.
        echo: expect.stringMatching(/^[0-9a-z]{11}$/),
        stream: 'normal-action',
      },
    });
    expect(await loungeTexts(env)).toEqual(before);
    // Other actions are untouched.
    expect((await socket.call('get_login_info')).status).toBe('ok');
    socket.close();
  });

  it('times: only the next n matching calls, counted in GET /api/faults', async () => {
    const { json } = await env.admin('POST', '/api/faults', {
      self_id: 10001,
      action: 'send_*',
      times: 2,
      effect: { type: 'fail', retcode: 1400, message: 'custom', wording: '自定义' },
    });
    const socket = await env.socket();
    const first = await socket.call('send_group_msg', send('one'));
    expect(first).toMatchObject({ status: 'failed', retcode: 1400, message: 'custom', wording: '自定义' });
    expect((await socket.call('send_msg', { message_type: 'group', ...send('two') })).status).toBe('failed');
    expect((await socket.call('send_group_msg', send('three'))).status).toBe('ok');
    const listed = await env.admin('GET', '/api/faults');
    expect(listed.json).toEqual([expect.objectContaining({ id: json.id, self_id: 10001, action: 'send_*', remaining: 0, fired: 2 })]);
    expect((await loungeTexts(env)).slice(0, 1)).toEqual(['three']);
    socket.close();
  });

  it('matches the account, the transport and the glob; other calls pass', async () => {
    await env.admin('POST', '/api/faults', { self_id: 10002, action: 'send_*', effect: { type: 'fail', preset: 'not_member' } });
    await env.admin('POST', '/api/faults', { action: 'get_*', transport: 'http', effect: { type: 'fail', preset: 'send_timeout' } });
    const socket = await env.socket();
    expect((await socket.call('send_group_msg', send('not bot B'))).status).toBe('ok');
    expect((await socket.call('get_group_list')).status).toBe('ok');
    const overHttp = await env.http('get_group_list');
    expect(overHttp.json).toMatchObject({ status: 'failed', retcode: 200, message: presetMessages.send_timeout });
    // Bot B acting through the admin API is hit by its rule.
    const asB = await env.admin('POST', '/api/world/act/10002/send_group_msg', { group_id: 30002, message: 'x' });
    expect(asB.json).toMatchObject({ status: 'failed', message: expect.stringContaining('"result": 110') });
    socket.close();
  });

  it('delay_ms: the call runs late; happened: the send goes out although the bot is told it failed', async () => {
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', times: 1, effect: { type: 'delay', delay_ms: 300 } });
    const socket = await env.socket();
    const started = Date.now();
    const pending = socket.call('send_group_msg', send('late'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await loungeTexts(env)).not.toContain('late');
    expect((await pending).status).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await loungeTexts(env)).toContain('late');

    await env.admin('POST', '/api/faults', {
      action: 'send_group_msg',
      times: 1,
      effect: { type: 'fail', preset: 'risk_control', happened: true },
    });
    const told = await socket.call('send_group_msg', send('sent anyway'));
    expect(told).toMatchObject({ status: 'failed', retcode: 1200 });
    expect(await loungeTexts(env)).toContain('sent anyway');
    socket.close();
  });

  it('no_reply: the call never answers (the HTTP request stays open) and changes nothing', async () => {
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', times: 2, effect: { type: 'no_reply' } });
    const hung = env.http('send_group_msg', send('never'), AbortSignal.timeout(500));
    await expect(hung).rejects.toThrow();
    const socket = await env.socket();
    socket.ws.send(JSON.stringify({ action: 'send_group_msg', params: send('never either'), echo: 'hung' }));
    const after = await socket.call('get_login_info');
    expect(after.status).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.frames.some((frame) => frame.echo === 'hung')).toBe(false);
    expect(await loungeTexts(env)).not.toContain('never');
    socket.close();
  });

  it('disconnect: the connection the call came on closes without an answer', async () => {
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', times: 1, effect: { type: 'disconnect' } });
    const socket = await env.socket();
    socket.ws.send(JSON.stringify({ action: 'send_group_msg', params: send('cut'), echo: 'cut' }));
    expect(await socket.closed).toBeGreaterThan(0);
    expect(socket.frames.some((frame) => frame.echo === 'cut')).toBe(false);
    expect(await loungeTexts(env)).not.toContain('cut');
    // A new connection works: the rule was used up.
    const again = await env.socket();
    expect((await again.call('send_group_msg', send('back'))).status).toBe('ok');
    again.close();
  });

  it('refuses bad rules with 400 naming the field, and removes rules one by one or all', async () => {
    const bad = [
      { action: 'send_*', effect: { type: 'explode' } },
      { action: 'send_*', effect: { type: 'fail' } },
      { action: 'send_*', event: 'message.*', effect: { type: 'no_reply' } },
      { action: 'send_*', probability: 2, effect: { type: 'no_reply' } },
      { action: 'send_*', times: 0, effect: { type: 'no_reply' } },
      { action: 'send_*', colour: 'red', effect: { type: 'no_reply' } },
      { action: 'send_*', effect: { type: 'fail', preset: 'not_a_preset' } },
      // Kept in the world and answered on every hit: the texts are bounded.
      { action: 'send_*', effect: { type: 'fail', message: 'x'.repeat(1001) } },
      { action: 'send_*', effect: { type: 'fail', message: 'x', wording: 'x'.repeat(1001) } },
    ];
    for (const body of bad) expect((await env.admin('POST', '/api/faults', body)).status, JSON.stringify(body)).toBe(400);
    // A malformed glob would match nothing, silently: it is refused, naming the field.
    for (const [field, glob] of [
      ['action', 'send_['],
      ['action', 'send_{group,private'],
      ['action', 'send_(x'],
      ['action', 'send_]'],
      ['action', 'send_}'],
      ['action', 'send_\\'],
      ['transport', 'http{'],
    ]) {
      const refused = await env.admin('POST', '/api/faults', { [field!]: glob, effect: { type: 'no_reply' } });
      expect(refused.status, glob).toBe(400);
      expect(refused.json.error.problems, glob).toEqual([expect.stringMatching(new RegExp(`^${field}: .* is not a valid glob \\(.+\\)$`))]);
    }
    for (const glob of ['send_{group,private}_msg', 'get_*', '[gs]et_*', 'send_\\[x\\]']) {
      const accepted = await env.admin('POST', '/api/faults', { action: glob, effect: { type: 'no_reply' } });
      expect(accepted.status, glob).toBe(201);
    }
    expect((await env.admin('DELETE', '/api/faults')).json).toEqual({ removed: 4 });
    expect((await env.admin('POST', '/api/faults', { self_id: 99999, effect: { type: 'no_reply' } })).status).toBe(404);
    expect((await env.admin('GET', '/api/faults')).json).toEqual([]);
    const a = (await env.admin('POST', '/api/faults', { action: 'a', effect: { type: 'no_reply' } })).json.id;
    const b = (await env.admin('POST', '/api/faults', { action: 'b', effect: { type: 'no_reply' } })).json.id;
    expect((await env.admin('DELETE', `/api/faults/${a}`)).json).toEqual({ removed: true });
    expect((await env.admin('DELETE', `/api/faults/${a}`)).status).toBe(404);
    expect((await env.admin('GET', '/api/faults')).json.map((rule: { id: number }) => rule.id)).toEqual([b]);
    expect((await env.admin('DELETE', '/api/faults')).json).toEqual({ removed: 1 });
  });
});

describe('fault rules persist', () => {
  it('survive a restart, with what they have fired', async () => {
    const first = await startCatnap(smallWorld);
    await first.admin('POST', '/api/faults', { action: 'send_group_msg', times: 3, effect: { type: 'fail', preset: 'risk_control' } });
    const hit = await first.admin('POST', '/api/world/act/10001/send_group_msg', send('x'));
    expect(hit.json.status).toBe('failed');
    await first.catnap.stop();
    const second = await startCatnap(smallWorld, { dataDir: first.dataDir });
    try {
      expect((await second.admin('GET', '/api/faults')).json).toEqual([
        expect.objectContaining({ action: 'send_group_msg', remaining: 2, fired: 1 }),
      ]);
    } finally {
      await second.catnap.stop();
    }
  });
});

describe('probability rules', () => {
  it('with a seed, fail the same calls on every run', async () => {
    const run = async (seed: number) => {
      const env = await startCatnap(smallWorld, { catnap: { seed } });
      try {
        await env.admin('POST', '/api/faults', {
          action: 'get_login_info',
          probability: 0.5,
          effect: { type: 'fail', preset: 'send_timeout' },
        });
        const outcomes: string[] = [];
        for (let i = 0; i < 24; i++) outcomes.push((await env.admin('POST', '/api/world/act/10001/get_login_info', {})).json.status);
        return outcomes.join(',');
      } finally {
        await env.catnap.stop();
      }
    };
    const first = await run(42);
    expect(first).toContain('failed');
    expect(first).toContain('ok');
    expect(await run(42)).toBe(first);
  });
});
