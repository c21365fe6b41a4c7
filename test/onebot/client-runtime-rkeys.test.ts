import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { base64Of, pngOf } from '../helpers/images.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(() => env.catnap.stop());

const act = async (userId: number, action: string, body: unknown = {}, dialect?: string) => {
  const { json } = await env.admin('POST', `/api/world/act/${userId}/${action}${dialect ? `?dialect=${dialect}` : ''}`, body);
  return json;
};
const data = async (userId: number, action: string, body: unknown = {}, dialect?: string) => {
  const json = await act(userId, action, body, dialect);
  if (json.status !== 'ok') throw new Error(`${action} failed: ${json.retcode} ${json.message}`);
  return json.data;
};

describe('rkeys', () => {
  it('NapCat’s three shapes agree on the same keys; LLBot’s get_rkey is one object', async () => {
    const list = await data(10001, 'get_rkey');
    expect(list).toEqual([
      { rkey: expect.stringMatching(/^&rkey=CAQSK[\w-]+$/), ttl: '3600', time: expect.any(Number), type: 10 },
      { rkey: expect.stringMatching(/^&rkey=CAQSK[\w-]+$/), ttl: '3600', time: list[0].time, type: 20 },
    ]);
    expect(list[0].rkey).not.toBe(list[1].rkey);
    expect(await data(10001, 'nc_get_rkey')).toEqual([
      { type: 'private', rkey: list[0].rkey, created_at: list[0].time, ttl: 3600 },
      { type: 'group', rkey: list[1].rkey, created_at: list[0].time, ttl: 3600 },
    ]);
    expect(await data(20001, 'get_rkey_server')).toEqual({
      private_rkey: list[0].rkey,
      group_rkey: list[1].rkey,
      expired_time: list[0].time + 3600,
      name: 'Catnap',
    });
    const llbot = await data(10001, 'get_rkey', {}, 'llbot');
    expect(llbot).toEqual({
      private_key: list[0].rkey,
      group_key: list[1].rkey,
      expired_time: list[0].time + 3600,
      updated_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
  });

  it('media URLs accept an rkey and ignore it', async () => {
    const png = pngOf('#abcdef');
    const { message_id } = await data(20001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'image', data: { file: base64Of(png) } }],
    });
    const { message } = await data(10001, 'get_msg', { message_id });
    const url: string = message[0].data.url;
    const [key] = await data(10001, 'get_rkey');
    const signed = await fetch(`${url}${url.includes('?') ? '' : '?'}${key.rkey}`);
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer())).toEqual(png);
    const bare = await fetch(url.replace(/\?.*$/, '') + '?rkey=anything');
    expect(Buffer.from(await bare.arrayBuffer())).toEqual(png);
  });
});

describe('get_event (LLBot): events by polling', () => {
  it('a key sees what arrives after its first poll, each event once; keys are independent', async () => {
    expect(await data(10001, 'get_event', { key: 'a' })).toEqual([]);
    await data(20001, 'send_group_msg', { group_id: 30001, message: 'one' });
    await data(20001, 'send_private_msg', { user_id: 10001, message: 'two' });
    const events = await data(10001, 'get_event', { key: 'a', timeout: 2000 });
    const messages = events.filter((event: { post_type: string }) => event.post_type === 'message');
    expect(messages.map((event: { raw_message: string }) => event.raw_message)).toEqual(['one', 'two']);
    expect(await data(10001, 'get_event', { key: 'a' })).toEqual([]);
    expect(await data(10001, 'get_event', { key: 'b' })).toEqual([]);
  });

  it('waits up to timeout for the next event', async () => {
    await data(10001, 'get_event', { key: 'wait' });
    const polled = data(10001, 'get_event', { key: 'wait', timeout: 5000 });
    setTimeout(() => void data(20001, 'send_group_msg', { group_id: 30001, message: 'late' }), 200);
    const events = await polled;
    expect(events.some((event: { raw_message?: string }) => event.raw_message === 'late')).toBe(true);
    const started = Date.now();
    expect(await data(10001, 'get_event', { key: 'wait', timeout: 300 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('get_config / set_config (LLBot): the account’s OneBot config', () => {
  it('answers the config, applies a new one, and refuses an invalid one unchanged', async () => {
    const config = await data(20002, 'get_config');
    expect(config.network).toMatchObject({ httpServers: [], websocketServers: [] });
    const next = { ...config, network: { ...config.network, httpServers: [{ name: 'poll', enable: true, host: '127.0.0.1', port: 0 }] } };
    expect(await data(20002, 'set_config', next)).toBeNull();
    expect((await data(20002, 'get_config')).network.httpServers).toEqual([expect.objectContaining({ name: 'poll', port: 0 })]);
    const status = (await env.admin('GET', '/api/bots/20002/onebot')).json;
    expect(status.adapters.map((adapter: { name: string }) => adapter.name)).toContain('poll');
    const bad = await act(20002, 'set_config', { network: { httpServers: [{ name: 'x', port: 'not a port' }] } });
    expect(bad).toMatchObject({ status: 'failed', retcode: 1400 });
    expect((await data(20002, 'get_config')).network.httpServers).toEqual([expect.objectContaining({ name: 'poll' })]);
  });
});
