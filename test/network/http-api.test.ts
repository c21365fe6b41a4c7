import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildHttpApi } from '../../src/network/http-api.js';
import { silentLogger } from '../../src/util/logger.js';
import { onebotWorld } from '../helpers/onebot.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function api(token = '', bodyLimit = 1024 * 1024, dialect: 'napcat' | 'llbot' = 'napcat') {
  const ob = await onebotWorld();
  app = await buildHttpApi(
    { dispatcher: ob.dispatcher, events: ob.events, clock: ob.clock, logger: silentLogger, bodyLimit },
    { selfId: 10001, token, enableCors: true, messageFormat: 'array', dialect, adapterName: 'test' },
  );
  return { app, ...ob };
}

describe('OneBot HTTP API', () => {
  it('serves /:action and /:action/ by GET (query) and POST (JSON and urlencoded)', async () => {
    const { app } = await api();
    const get = await app.inject({ method: 'GET', url: '/get_stranger_info?user_id=20001' });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ status: 'ok', data: { user_id: 20001 } });
    const slash = await app.inject({ method: 'GET', url: '/get_login_info/' });
    expect(slash.json().data).toEqual({ user_id: 10001, nickname: 'Bot A' });
    const json = await app.inject({ method: 'POST', url: '/get_group_info', payload: { group_id: '30001' } });
    expect(json.json().data.group_id).toBe(30001);
    const form = await app.inject({
      method: 'POST',
      url: '/get_group_info',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'group_id=30001&echo=abc',
    });
    expect(form.json()).toMatchObject({ data: { group_id: 30001 }, echo: 'abc' });
  });

  it('takes POST / with {action, params, echo}', async () => {
    const { app } = await api();
    const response = await app.inject({ method: 'POST', url: '/', payload: { action: 'get_login_info', params: {}, echo: { n: 1 } } });
    expect(response.json()).toMatchObject({ status: 'ok', data: { user_id: 10001 }, echo: { n: 1 } });
    const running = await app.inject({ method: 'GET', url: '/' });
    expect(running.json()).toMatchObject({ status: 'ok', retcode: 0 });
  });

  it("answers a call without echo with a made-up base-36 echo, as NapCat's HTTP server does", async () => {
    const { app } = await api();
    const first = (await app.inject({ method: 'GET', url: '/get_login_info' })).json();
    const second = (await app.inject({ method: 'POST', url: '/get_login_info', payload: { echo: null } })).json();
    expect(first).toMatchObject({ status: 'ok', echo: expect.stringMatching(/^[0-9a-z]{11}$/) });
    expect(second.echo).toMatch(/^[0-9a-z]{11}$/);
    expect(second.echo).not.toBe(first.echo);
    expect((await app.inject({ method: 'GET', url: '/no_such_action' })).json().echo).toMatch(/^[0-9a-z]{11}$/);
    expect((await app.inject({ method: 'GET', url: '/get_login_info?echo=mine' })).json().echo).toBe('mine');
    await app.close();
    const llbot = (await api('', 1024 * 1024, 'llbot')).app;
    expect((await llbot.inject({ method: 'GET', url: '/get_login_info' })).json()).toMatchObject({ status: 'ok', echo: null });
  });

  it("marks every reply stream: normal-action, as NapCat's HTTP server; the LLBot dialect has no such field", async () => {
    const { app } = await api('s3cret');
    const auth = { authorization: 'Bearer s3cret' };
    expect((await app.inject({ method: 'GET', url: '/get_login_info', headers: auth })).json()).toMatchObject({
      status: 'ok',
      stream: 'normal-action',
    });
    expect((await app.inject({ method: 'GET', url: '/no_such_action', headers: auth })).json()).toMatchObject({
      retcode: 1404,
      stream: 'normal-action',
    });
    // Replies the transport makes itself carry the mark too.
    expect((await app.inject({ method: 'GET', url: '/get_login_info' })).json()).toMatchObject({ retcode: 1401, stream: 'normal-action' });
    expect((await app.inject({ method: 'GET', url: '/', headers: auth })).json()).toMatchObject({ stream: 'normal-action' });
    await app.close();
    const llbot = (await api('', 1024 * 1024, 'llbot')).app;
    expect((await llbot.inject({ method: 'GET', url: '/get_login_info' })).json()).not.toHaveProperty('stream');
  });

  it('runs the action named by the first path segment, by any method, as NapCat does', async () => {
    // NapCat's HTTP server is one catch-all Express handler: the action is the first path segment
    // and the method does not matter (GET reads the query; others the body with the query on top).
    const { app } = await api();
    const sub = await app.inject({ method: 'GET', url: '/get_stranger_info/extra/parts?user_id=20001' });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'ok', data: { user_id: 20001 } });
    for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
      const response = await app.inject({ method, url: '/get_stranger_info?echo=e', payload: { user_id: 20002 } });
      expect(response.statusCode, method).toBe(200);
      expect(response.json(), method).toMatchObject({ status: 'ok', data: { user_id: 20002 }, echo: 'e' });
    }
    const root = await app.inject({ method: 'PUT', url: '/' });
    expect(root.json()).toMatchObject({ status: 'ok', retcode: 0 });
    // Still one envelope for a name that is no action, whatever the method or path.
    const unknown = await app.inject({ method: 'PUT', url: '/nope/x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 'failed', retcode: 1404 });
  });

  it('treats an empty JSON body as no params', async () => {
    const { app } = await api();
    const response = await app.inject({
      method: 'POST',
      url: '/get_login_info',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.json().status).toBe('ok');
  });

  it('reads a body without a Content-Type as JSON, as NapCat does', async () => {
    // Python's requests.post(url, data=json.dumps(...)) sends no Content-Type; NapCat's HTTP server
    // reads any such body as JSON ("兼容处理没有带content-type的请求").
    const { app } = await api();
    const bare = await app.inject({ method: 'POST', url: '/get_stranger_info', body: '{"user_id": 20001, "echo": "e"}' });
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ status: 'ok', data: { user_id: 20001 }, echo: 'e' });
    const malformed = await app.inject({ method: 'POST', url: '/get_login_info', body: '{"a":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ status: 'failed', retcode: 1400, message: 'malformed JSON body' });
  });

  it('answers OneBot statuses: 404 unknown action, 400 malformed JSON, 406 content type, 413 too large', async () => {
    const { app } = await api('', 2048);
    const unknown = await app.inject({ method: 'POST', url: '/nope', payload: { echo: 5 } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 'failed', retcode: 1404, echo: 5 });
    const malformed = await app.inject({
      method: 'POST',
      url: '/get_login_info',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ status: 'failed', retcode: 1400, message: 'malformed JSON body' });
    const xml = await app.inject({
      method: 'POST',
      url: '/get_login_info',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(406);
    const big = await app.inject({ method: 'POST', url: '/get_login_info', payload: { pad: 'x'.repeat(5000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ status: 'failed', retcode: 1400 });
    const badParams = await app.inject({ method: 'POST', url: '/get_group_info', payload: { group_id: [] } });
    expect(badParams.statusCode).toBe(200);
    expect(badParams.json().retcode).toBe(1400);
  });

  it('checks the token from Bearer, Token or access_token: 401 missing, 403 wrong', async () => {
    const { app } = await api('s3cret');
    expect((await app.inject({ method: 'GET', url: '/get_login_info' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/get_login_info', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/get_login_info?access_token=nope' })).statusCode).toBe(403);
    for (const headers of [{ authorization: 'Bearer s3cret' }, { authorization: 'Token s3cret' }]) {
      expect((await app.inject({ method: 'GET', url: '/get_login_info', headers })).statusCode).toBe(200);
    }
    const viaQuery = await app.inject({ method: 'GET', url: '/get_stranger_info?access_token=s3cret&user_id=20001' });
    expect(viaQuery.json()).toMatchObject({ status: 'ok', data: { user_id: 20001 } });
  });

  it('sends CORS headers where a token guards the adapter, and refuses pages where none does', async () => {
    const preflight = { origin: 'http://x', 'access-control-request-method': 'POST' };
    const { app } = await api('secret');
    const response = await app.inject({ method: 'OPTIONS', url: '/get_login_info', headers: preflight });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    await app.close();
    const open = (await api()).app;
    const refused = await open.inject({ method: 'OPTIONS', url: '/get_login_info', headers: preflight });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
