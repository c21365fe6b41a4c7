import { Type } from '@sinclair/typebox';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../src/contract/admin/route.js';
import { implement } from '../../src/admin/admin-route.js';
import { Transcript } from '../../src/onebot/transcript/transcript.js';
import { buildAdminServer } from '../../src/admin/admin-server.js';
import { silentLogger } from '../../src/util/logger.js';
import { onebotWorld } from '../helpers/onebot.js';

/** Routes another area would add: each part of a contract, and what the server does with it. */
const probeApi = {
  echo: defineRoute({
    method: 'POST',
    url: '/api/probe/:group_id/echo',
    summary: 'Echo what was validated',
    tag: 'probe',
    params: Type.Object({ group_id: Type.Integer({ minimum: 1 }) }),
    query: Type.Object({ loud: Type.Optional(Type.Boolean()) }),
    body: Type.Object({ text: Type.String({ minLength: 1 }), times: Type.Integer({ default: 1 }) }, { additionalProperties: false }),
    response: Type.Object({ group_id: Type.Integer(), text: Type.String() }),
    status: 201,
  }),
  metrics: defineRoute({
    method: 'GET',
    url: '/probe/metrics',
    summary: 'Plain text, no token',
    tag: 'probe',
    public: true,
    response: Type.String(),
    mediaType: 'text/plain; version=0.0.4',
  }),
};

let app: FastifyInstance;
beforeAll(async () => {
  const { world, dispatcher } = await onebotWorld();
  app = await buildAdminServer(
    { world, dispatcher, actions: dispatcher.table, logger: silentLogger, hooks: {}, transcript: new Transcript(world.clock) },
    {
      token: 'secret',
      bodyLimit: 1_000_000,
      version: 'test',
      extraRoutes: implement(probeApi, {
        // Typed by the contract: group_id is a number, loud a boolean, times defaulted.
        echo: async (request) => {
          const text = request.body.text.repeat(request.body.times);
          return { group_id: request.params.group_id, text: request.query.loud ? text.toUpperCase() : text };
        },
        metrics: async () => 'catnap_up 1\n',
      }),
    },
  );
});
afterAll(async () => app.close());

const auth = { authorization: 'Bearer secret' };

describe('the admin route mechanism', () => {
  it('validates and converts params, query and body, defaults the body, and answers the contract status', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/probe/30001/echo?loud=true', headers: auth, payload: { text: 'hi' } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ group_id: 30001, text: 'HI' });
  });

  it('answers 400 naming every bad field, and never runs the handler', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/probe/x/echo', headers: auth, payload: { text: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('group_id') });
    const body = await app.inject({ method: 'POST', url: '/api/probe/1/echo', headers: auth, payload: { text: '', colour: 1 } });
    expect(body.json().error.problems).toEqual(
      expect.arrayContaining(['text: Expected string length greater or equal to 1', 'colour: unknown key']),
    );
  });

  it('checks the token before reading the body, and serves public routes without one', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/probe/1/echo',
      payload: 'not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(401);
    const metrics = await app.inject({ method: 'GET', url: '/probe/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toBe('catnap_up 1\n');
  });

  it('answers a request to no route 404 without reading its body, whoever sends it', async () => {
    // A body no parser accepts: had it been read, the answer would be its 400.
    for (const [url, type] of [
      ['/api/nowhere', 'application/json'],
      ['/anything', 'text/plain'],
      ['/probe/metrics', 'text/yaml'],
    ]) {
      const response = await app.inject({ method: 'POST', url: url!, payload: '{"a": [', headers: { 'content-type': type! } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    // A page in the browser may POST text/plain anywhere on 127.0.0.1: the answer comes before
    // the promised body (within this server's limit) does, so none of it is buffered or parsed as YAML.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    const answer = await new Promise<string>((resolve, reject) => {
      socket.once('connect', () =>
        socket.write(`POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${900_000}\r\n\r\na: [`),
      );
      // The body never comes, so a server that waits for it never answers: the limit only has to
      // outlast a loaded machine's slowest answer.
      socket.setTimeout(20_000, () => reject(new Error('no answer before the body was sent')));
      socket.once('data', (data) => resolve(data.toString()));
      socket.once('error', reject);
    }).finally(() => socket.destroy());
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('documents each route in /openapi.json with its parts and answer', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const echo = doc.paths['/api/probe/{group_id}/echo'].post;
    expect(echo.parameters).toEqual([
      expect.objectContaining({ name: 'group_id', in: 'path', required: true, schema: expect.objectContaining({ type: 'integer' }) }),
      expect.objectContaining({ name: 'loud', in: 'query', required: false }),
    ]);
    expect(echo.requestBody.content['application/json'].schema.required).toEqual(['text', 'times']);
    expect(echo.responses['201'].content['application/json'].schema.properties.text.type).toBe('string');
    expect(doc.paths['/probe/metrics'].get).toMatchObject({
      security: [],
      responses: { '200': { content: { 'text/plain; version=0.0.4': {} } } },
    });
  });
});
