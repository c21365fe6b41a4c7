import { describe, expect, it, vi } from 'vitest';
import { ActionTable } from '../../src/onebot/action-table.js';
import { allActions } from '../../src/onebot/actions/index.js';
import { Dispatcher } from '../../src/onebot/dispatcher.js';
import { FaultGate } from '../../src/onebot/faults/fault-gate.js';
import { newFaultRule } from '../../src/world/faults/fault-rule-input.js';
import { onebotWorld } from '../helpers/onebot.js';

describe('dispatcher: envelope, params, errors', () => {
  it('answers the OneBot envelope with data and the echo of any JSON type', async () => {
    const { call } = await onebotWorld();
    for (const echo of [1, 'e', { nested: [1, { a: null }] }, [1, 2], true, null, 0, '']) {
      const envelope = await call(10001, 'get_login_info', {}, { echo });
      expect(envelope).toEqual({
        status: 'ok',
        retcode: 0,
        data: { user_id: 10001, nickname: 'Bot A' },
        message: '',
        wording: '',
        echo,
        stream: 'normal-action',
      });
    }
    expect((await call(10001, 'get_login_info')).echo).toBeNull();
  });

  it("marks every NapCat reply stream: normal-action, as NapCat's OB11Response does; LLBot and go-cqhttp have no such field", async () => {
    const { call } = await onebotWorld();
    for (const [action, params] of [
      ['get_login_info', {}],
      ['get_status_async', {}],
      ['get_stranger_info', {}],
      ['no_such_action', {}],
      ['get_group_info', { group_id: 39999 }],
    ] as const) {
      expect(await call(10001, action, params)).toHaveProperty('stream', 'normal-action');
      for (const dialect of ['llbot', 'go-cqhttp'] as const)
        expect(await call(10001, action, params, { dialect })).not.toHaveProperty('stream');
    }
    // A stream action keeps its own mark.
    expect(await call(10001, 'test_download_stream', {})).toHaveProperty('stream', 'stream-action');
  });

  it('answers a call without echo with NapCat\'s stand-in: "" over WebSocket (null for an unknown action), a made-up string over HTTP', async () => {
    const { call } = await onebotWorld();
    for (const transport of ['ws', 'ws-reverse', 'http-ws']) {
      expect((await call(10001, 'get_login_info', {}, { transport })).echo).toBe('');
      expect((await call(10001, 'get_login_info', {}, { transport, echo: null })).echo).toBe('');
      expect((await call(10001, 'get_stranger_info', {}, { transport })).echo).toBe('');
      expect((await call(10001, 'no_such_action', {}, { transport })).echo).toBeNull();
      expect((await call(10001, 'get_login_info', {}, { transport, dialect: 'llbot' })).echo).toBeNull();
    }
    for (const transport of ['http', 'http-sse']) {
      const echoes = await Promise.all([1, 2, 3].map(() => call(10001, 'get_login_info', {}, { transport })));
      for (const { echo } of echoes) expect(echo).toMatch(/^[0-9a-z]{11}$/);
      expect(new Set(echoes.map(({ echo }) => echo)).size).toBe(3);
      expect((await call(10001, 'no_such_action', {}, { transport })).echo).toMatch(/^[0-9a-z]{11}$/);
      expect((await call(10001, 'get_login_info', {}, { transport, echo: 'mine' })).echo).toBe('mine');
      expect((await call(10001, 'get_login_info', {}, { transport, dialect: 'go-cqhttp' })).echo).toBeNull();
    }
    expect((await call(10001, 'get_login_info', {}, { transport: 'admin' })).echo).toBeNull();
  });

  it('echoes on failures too: unknown action 1404, bad params 1400', async () => {
    const { call } = await onebotWorld();
    expect(await call(10001, 'no_such_action', {}, { echo: { id: 7 } })).toMatchObject({
      status: 'failed',
      retcode: 1404,
      data: null,
      message: 'unknown action: no_such_action',
      echo: { id: 7 },
    });
    const bad = await call(10001, 'get_stranger_info', { user_id: 'abc' }, { echo: 'x' });
    expect(bad).toMatchObject({ status: 'failed', retcode: 1400, data: null, echo: 'x' });
    expect(bad.message).toMatch(/^user_id: /);
    expect(await call(10001, 'get_stranger_info', {})).toMatchObject({ retcode: 1400, message: 'user_id: is required' });
    expect(await call(10001, 'get_stranger_info', [1, 2])).toMatchObject({
      retcode: 1400,
      message: 'params must be a JSON object, got an array',
    });
  });

  it('coerces numeric strings and booleans, and never mutates the caller params', async () => {
    const { call } = await onebotWorld();
    const params = Object.freeze({ group_id: '30001', user_id: '20002', no_cache: 'true' });
    const envelope = await call(10001, 'get_group_member_info', params);
    expect(envelope.status).toBe('ok');
    expect(params).toEqual({ group_id: '30001', user_id: '20002', no_cache: 'true' });
    expect(await call(10001, 'get_group_member_info', { group_id: 30001, user_id: 20002, no_cache: 1 })).toMatchObject({ status: 'ok' });
  });

  it('maps world failures to their catalogue retcodes with a message naming the thing', async () => {
    const { call } = await onebotWorld();
    expect(await call(10001, 'get_group_info', { group_id: 39999 })).toMatchObject({
      retcode: 2002,
      message: 'group 39999 does not exist',
    });
    expect(await call(10001, 'get_stranger_info', { user_id: 29999 })).toMatchObject({
      retcode: 2001,
      message: 'user 29999 does not exist',
    });
  });

  it('queues _async calls and answers status async, retcode 1', async () => {
    const { call, dispatcher } = await onebotWorld();
    const envelope = await call(10001, 'get_status_async', {}, { echo: 3 });
    expect(envelope).toEqual({ status: 'async', retcode: 1, data: null, message: '', wording: '', echo: 3, stream: 'normal-action' });
    await dispatcher.idle();
    expect(await call(10001, 'get_status_async', { no: 'params needed' })).toMatchObject({ status: 'async' });
    // Bad params are reported at once, before queueing.
    expect(await call(10001, 'get_stranger_info_async', {})).toMatchObject({ status: 'failed', retcode: 1400 });
  });

  it('spaces _rate_limited calls by the configured interval', async () => {
    const { call, dispatcher } = await onebotWorld();
    const started: number[] = [];
    dispatcher.table.register({
      name: 'test_probe',
      origin: 'catnap',
      summary: 'probe',
      params: (await import('@sinclair/typebox')).Type.Object({}),
      result: (await import('@sinclair/typebox')).Type.Null(),
      handler: () => void started.push(Date.now()),
    });
    for (let i = 0; i < 3; i++) expect((await call(10001, 'test_probe_rate_limited')).status).toBe('async');
    await dispatcher.idle();
    expect(started).toHaveLength(3);
    expect(started[2]! - started[0]!).toBeGreaterThanOrEqual(35);
  });

  it('hides unexpected failures behind retcode 1200', async () => {
    const { call, dispatcher } = await onebotWorld();
    dispatcher.table.register({
      name: 'test_crash',
      origin: 'catnap',
      summary: 'crash',
      params: (await import('@sinclair/typebox')).Type.Object({}),
      result: (await import('@sinclair/typebox')).Type.Null(),
      handler: () => {
        throw new Error('secret internals at /home/x');
      },
    });
    const envelope = await call(10001, 'test_crash');
    expect(envelope).toMatchObject({ status: 'failed', retcode: 1200, message: 'internal error (see the Catnap log)' });
    expect(JSON.stringify(envelope)).not.toContain('secret');
  });
});

describe('dispatcher: one resolution per call', () => {
  it('resolves the name once for the fault check and the run, with the same answers as before', async () => {
    const ob = await onebotWorld();
    const table = new ActionTable(allActions);
    const dispatcher = new Dispatcher(table, ob.services, { faults: new FaultGate(ob.world, { random: () => 0 }) });
    await ob.world.faults.add(
      newFaultRule({ action: 'get_friend_list', effect: { type: 'fail', retcode: 1400, message: 'fault', wording: 'fault' } }),
    );
    const resolve = vi.spyOn(table, 'resolve');
    const meta = { transport: 'test' };
    // A fault matched by the name an alias resolves to, a plain call, and an unknown name.
    expect(await dispatcher.dispatch(10001, 'get_friend_list_async', {}, meta)).toMatchObject({ retcode: 1400, message: 'fault' });
    expect(await dispatcher.dispatch(10001, 'get_login_info', {}, meta)).toMatchObject({ status: 'ok', data: { user_id: 10001 } });
    expect(await dispatcher.dispatch(10001, 'no_such_action', {}, meta)).toMatchObject({ retcode: 1404 });
    expect(resolve.mock.calls).toEqual([['get_friend_list_async'], ['get_login_info'], ['no_such_action']]);
  });
});

describe('dispatcher: calls a fault held, let go', () => {
  it('marks only the stand-in of a call the stop let go, beside an envelope bots read unchanged', async () => {
    const ob = await onebotWorld();
    const dispatcher = new Dispatcher(new ActionTable(allActions), ob.services, { faults: new FaultGate(ob.world, { random: () => 0 }) });
    await ob.world.faults.add(newFaultRule({ action: 'get_friend_list', effect: { type: 'no_reply' } }));
    await ob.world.faults.add(newFaultRule({ action: 'get_group_info', effect: { type: 'delay', delay_ms: 600_000 } }));
    // A caller that gives up is not a stop: its stand-in is not marked.
    const gone = new AbortController();
    const abandoned = dispatcher.dispatch(10001, 'get_friend_list', {}, { transport: 'test', signal: gone.signal });
    gone.abort();
    expect(dispatcher.wasCutShort(await abandoned)).toBe(false);
    const held = dispatcher.dispatch(10001, 'get_friend_list', {}, { transport: 'test', echo: 5 });
    const delayed = dispatcher.dispatch(10001, 'get_group_info', { group_id: 39999 }, { transport: 'test' });
    dispatcher.releaseHeld();
    const stood = await held;
    expect(dispatcher.wasCutShort(stood)).toBe(true);
    expect(stood).toEqual({
      status: 'failed',
      retcode: 1200,
      data: null,
      message: 'no reply (fault)',
      wording: 'no reply (fault)',
      echo: 5,
      stream: 'normal-action',
    });
    // A delayed call let go runs, and its own failure is not a stop's.
    const own = await delayed;
    expect(own).toMatchObject({ status: 'failed', retcode: 2002 });
    expect(dispatcher.wasCutShort(own)).toBe(false);
  });

  it("keeps a transport meta's accessors when it answers with a stand-in echo: a held call goes when its HTTP caller does", async () => {
    const ob = await onebotWorld();
    const dispatcher = new Dispatcher(new ActionTable(allActions), ob.services, { faults: new FaultGate(ob.world, { random: () => 0 }) });
    await ob.world.faults.add(newFaultRule({ action: 'get_friend_list', effect: { type: 'no_reply' } }));
    // As the HTTP API's call meta: the signal is a getter of its class, and no echo was sent.
    class Meta {
      readonly transport = 'http';
      constructor(private readonly gone: AbortController) {}
      get signal(): AbortSignal {
        return this.gone.signal;
      }
    }
    const gone = new AbortController();
    const held = dispatcher.dispatch(10001, 'get_friend_list', {}, new Meta(gone));
    gone.abort();
    const answer = await Promise.race([held, new Promise((resolve) => setTimeout(() => resolve('still held'), 2000))]);
    expect(answer).toMatchObject({ status: 'failed', retcode: 1200, echo: expect.stringMatching(/^[0-9a-z]{11}$/) });
  });
});
