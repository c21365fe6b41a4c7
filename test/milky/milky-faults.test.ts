import { describe, expect, it } from 'vitest';
import { allMilkyApis } from '../../src/milky/apis/index.js';
import { MilkyDispatcher } from '../../src/milky/dispatcher.js';
import { milkyWorld } from '../helpers/milky.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });
const send = (message: string) => ({ group_id: 30001, message: [text(message)] });

/** The group messages of 30001 as the world has them (texts). */
function loungeTexts(m: Awaited<ReturnType<typeof milkyWorld>>): string[] {
  const history = m.world.conversations.history(20001, { type: 'group', groupId: 30001 }, { count: 50, newer: false });
  return history.map((message) => message.elements.map((element) => ('text' in element ? element.text : '')).join(''));
}

/**
 * A Milky bot obeys the account's health and the fault rules (docs/faults.md) as a OneBot bot
 * does: before, a bot put offline or under a rule kept working over Milky.
 */
describe('Milky under account health and fault rules', () => {
  it('offline: changes answer -403 and store nothing, reads still answer; online again, sends go out', async () => {
    const m = await milkyWorld();
    await m.world.health.set(10001, 'offline');
    const refused = await m.call(10001, 'send_group_message', send('while offline'));
    expect(refused).toEqual({
      status: 'failed',
      retcode: -403,
      message: 'not logged in: QQ logged account 10001 out (offline): 你的帐号当前登录已失效，请重新登录。',
    });
    expect(loungeTexts(m)).not.toContain('while offline');
    expect((await m.call(10001, 'set_nickname', { new_nickname: 'Renamed' })).retcode).toBe(-403);
    expect((await m.world.accounts.require(10001)).nickname).toBe('Bot A');
    expect((await m.call(10001, 'get_group_list')).status).toBe('ok');
    // Other accounts are not affected.
    expect((await m.call(20001, 'send_group_message', send('alice speaks'))).status).toBe('ok');
    await m.world.health.set(10001, 'online');
    expect((await m.call(10001, 'send_group_message', send('back'))).status).toBe('ok');
    expect(loungeTexts(m)).toContain('back');
  });

  it('kicked: the same refusal, naming the kick', async () => {
    const m = await milkyWorld();
    await m.world.health.set(10001, 'kicked', '您的账号已在另一台终端登录。');
    const refused = await m.call(10001, 'send_private_message', { user_id: 20001, message: [text('hi')] });
    expect(refused).toMatchObject({
      status: 'failed',
      retcode: -403,
      message: expect.stringContaining('(kicked): 您的账号已在另一台终端登录。'),
    });
  });

  it("bot_offline reaches the account's Milky clients once when QQ logs it out, with the notice as reason; events keep coming", async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    const alice = m.listen(20001);
    await m.world.health.set(10001, 'offline');
    await m.world.health.set(10001, 'kicked', '您的账号已在另一台终端登录。');
    await m.data(20001, 'send_group_message', send('still heard'));
    await m.world.health.set(10001, 'online');
    await m.world.health.set(10001, 'zombie');
    await m.hub.flush();
    const offline = bot.filter((event) => event.event_type === 'bot_offline');
    expect(offline.map((event) => event.data)).toEqual([{ reason: '你的帐号当前登录已失效，请重新登录。' }]);
    // As over OneBot, the streams stay open and events still arrive.
    expect(bot.some((event) => event.event_type === 'message_receive')).toBe(true);
    expect(alice.filter((event) => event.event_type === 'bot_offline')).toEqual([]);
  });

  it('zombie: reads answer, changes hang for the send timeout and then fail, changing nothing', async () => {
    const m = await milkyWorld();
    const dispatcher = new MilkyDispatcher(allMilkyApis, m.dispatcher.services, { faults: { sendTimeoutMs: 200 } });
    await m.world.health.set(10001, 'zombie');
    expect((await dispatcher.call(10001, 'get_group_list', {}))?.status).toBe('ok');
    const started = performance.now();
    const sent = await dispatcher.call(10001, 'send_group_message', send('zombie says'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(sent).toEqual({ status: 'failed', retcode: -500, message: 'timed out: QQ never answered' });
    expect(loungeTexts(m)).not.toContain('zombie says');
  });

  it('a fault rule fails a Milky API by its Milky name, with its fields, changing nothing, for its times', async () => {
    const m = await milkyWorld();
    const rule = await m.world.faults.add({
      selfId: 10001,
      action: 'send_group_message',
      event: null,
      transport: null,
      timesLeft: 1,
      probability: null,
      effect: { type: 'fail', retcode: -1234, message: 'injected' },
    });
    expect(await m.call(10001, 'send_group_message', send('first'))).toEqual({ status: 'failed', retcode: -1234, message: 'injected' });
    expect(loungeTexts(m)).not.toContain('first');
    expect((await m.call(10001, 'send_group_message', send('second'))).status).toBe('ok');
    expect(m.world.faults.find(rule.id)).toMatchObject({ fired: 1, timesLeft: 0 });
  });

  it("presets answer as Milky would: logged_out is -403, QQ's other failures -500 with what QQ said", async () => {
    const m = await milkyWorld();
    const add = (action: string, preset: 'logged_out' | 'not_member') =>
      m.world.faults.add({
        selfId: null,
        action,
        event: null,
        transport: null,
        timesLeft: null,
        probability: null,
        effect: { type: 'fail', preset },
      });
    await add('send_group_*', 'not_member');
    await add('set_*', 'logged_out');
    expect(await m.call(10001, 'send_group_message', send('x'))).toEqual({
      status: 'failed',
      retcode: -500,
      message: '发送失败，你已被移出该群，请重新加群。',
    });
    expect(await m.call(10001, 'set_bio', { new_bio: 'x' })).toMatchObject({ status: 'failed', retcode: -403 });
  });

  it('rules name the protocol by transport: "milky" only hits Milky; a OneBot transport, "!milky" or an event rule leaves it alone', async () => {
    const m = await milkyWorld();
    const rule = (action: string | null, transport: string | null, event: string | null = null) =>
      m.world.faults.add({
        selfId: null,
        action,
        event,
        transport,
        timesLeft: null,
        probability: null,
        effect: { type: 'fail', message: 'hit' },
      });
    await rule('send_*', 'ws');
    await rule('send_*', '!milky');
    await rule(null, null, 'message.*');
    expect((await m.call(10001, 'send_group_message', send('through'))).status).toBe('ok');
    await rule('send_*', 'milky');
    expect(await m.call(10001, 'send_group_message', send('stopped'))).toMatchObject({ status: 'failed', message: 'hit' });
    expect(loungeTexts(m)).toEqual(expect.arrayContaining(['through']));
    expect(loungeTexts(m)).not.toContain('stopped');
  });

  it('delay runs the call late; no_reply holds it until the caller gives up; happened runs it behind a failure', async () => {
    const m = await milkyWorld();
    const add = (action: string, effect: any) =>
      m.world.faults.add({ selfId: 10001, action, event: null, transport: null, timesLeft: 1, probability: null, effect });
    await add('set_bio', { type: 'delay', delay_ms: 100 });
    const started = performance.now();
    expect((await m.call(10001, 'set_bio', { new_bio: 'late' })).status).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect((await m.world.accounts.require(10001)).longNick).toBe('late');

    await add('set_nickname', { type: 'no_reply' });
    const caller = new AbortController();
    let answered = false;
    const held = m.dispatcher.call(10001, 'set_nickname', { new_nickname: 'never' }, { signal: caller.signal }).then((reply) => {
      answered = true;
      return reply;
    });
    // Only that it has not answered yet can be checked: a moment is enough to see it waiting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    caller.abort();
    expect(await held).toMatchObject({ status: 'failed' });
    expect((await m.world.accounts.require(10001)).nickname).toBe('Bot A');

    await add('send_group_message', { type: 'fail', message: 'lost', happened: true });
    expect(await m.call(10001, 'send_group_message', send('went out'))).toMatchObject({ status: 'failed', message: 'lost' });
    expect(loungeTexts(m)).toContain('went out');
  });

  it('records the fault that hit a call for the live log', async () => {
    const m = await milkyWorld();
    const records: unknown[] = [];
    m.dispatcher.onCall((record) => records.push(record.fault));
    await m.world.health.set(10001, 'offline');
    await m.call(10001, 'send_group_message', send('x'));
    await m.call(10001, 'get_group_list');
    expect(records).toEqual([{ ruleId: null, effect: 'fail', reason: 'account offline' }, undefined]);
  });
});
