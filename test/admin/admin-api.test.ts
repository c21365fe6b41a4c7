import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';
import { allRouteContracts } from '../../src/contract/admin/index.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

describe('admin API', () => {
  it('needs the web UI token: 401 without, 403 wrong, ?token= accepted', async () => {
    const url = `${env.catnap.webuiUrl}/api/world/accounts`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await fetch(`${url}?token=admin-token`)).status).toBe(200);
  });

  it('lists and creates accounts; duplicates are 409, unknown keys 400', async () => {
    const { admin } = env;
    expect((await admin('GET', '/api/world/accounts')).json.map((a: any) => a.user_id)).toEqual([10001, 10002, 20001, 20002, 20003]);
    const created = await admin('POST', '/api/world/accounts', { user_id: 20010, nickname: 'Zed', sex: 'male' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ user_id: 20010, nickname: 'Zed', bot: false, sex: 'male' });
    expect((await admin('POST', '/api/world/accounts', { user_id: 20010, nickname: 'Zed' })).status).toBe(409);
    const bad = await admin('POST', '/api/world/accounts', { user_id: 20011, nickname: 'Y', color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.problems).toContain('color: unknown key');
    expect((await admin('GET', '/api/world/accounts/20011')).status).toBe(404);
    const detail = await admin('GET', '/api/world/accounts/10001');
    expect(detail.json).toMatchObject({ user_id: 10001, friends: [{ user_id: 20001, remark: 'alice' }], groups: [{ group_id: 30001 }] });
  });

  it('creates groups and friendships, rejecting bad references with their names', async () => {
    const { admin } = env;
    const group = await admin('POST', '/api/world/groups', {
      group_id: 30050,
      group_name: 'New',
      owner_id: 20002,
      admins: [20003],
      members: [10002],
    });
    expect(group.status).toBe(201);
    expect(group.json).toMatchObject({ group_id: 30050, owner_id: 20002, member_count: 3 });
    const bad = await admin('POST', '/api/world/groups', { group_id: 30051, group_name: 'Bad', owner_id: 20002, members: [29999] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.problems).toEqual(['groups.0.members.0: 29999 is not an account (add it to "accounts")']);
    expect((await admin('GET', '/api/world/groups')).json.map((g: any) => g.group_id)).not.toContain(30051);
    const friends = await admin('POST', '/api/world/friends', { user_id: 10002, friend_id: 20003, category: 'Work', remark: 'carol' });
    expect(friends.json).toMatchObject({ user_id: 10002, friend_id: 20003, remark: 'carol', category_id: 1 });
  });

  it('applies world files in JSON and YAML, idempotently', async () => {
    const { admin } = env;
    const yaml = 'accounts:\n  - user_id: 20100\n    nickname: Yaml\nfriends:\n  - user_id: 20100\n    friend_id: 20001\n';
    const first = await admin('POST', '/api/world/apply', yaml, { 'content-type': 'application/yaml' });
    expect(first.json).toMatchObject({ accounts_created: 1, friendships: 1 });
    const again = await admin('POST', '/api/world/apply', { accounts: [{ user_id: 20100, nickname: 'Yaml' }] });
    expect(again.json).toMatchObject({ accounts_created: 0, accounts_updated: 0 });
    const bad = await admin('POST', '/api/world/apply', { acounts: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'WORLD_FILE_INVALID', problems: ['acounts: unknown key'] });
  });

  it('acts as any account, answering the OneBot envelope', async () => {
    const { admin } = env;
    expect((await admin('POST', '/api/world/act/20002/get_login_info', { echo: 9 })).json).toMatchObject({
      status: 'ok',
      data: { user_id: 20002 },
      echo: 9,
    });
    expect((await admin('POST', '/api/world/act/29999/get_login_info', {})).status).toBe(404);
    const unknown = await admin('POST', '/api/world/act/20002/nope', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.retcode).toBe(1404);
    expect((await admin('POST', '/api/world/act/20002/get_group_info', { group_id: 'x' })).json.retcode).toBe(1400);
  });

  it("answers a stream action's packets with its answer: download_file_stream through the admin API", async () => {
    const { admin } = env;
    const bytes = Buffer.from('streamed through the admin API');
    const reply = (
      await admin('POST', '/api/world/act/20002/download_file_stream', {
        file: `base64://${bytes.toString('base64')}`,
        chunk_size: 8,
        echo: 's',
      })
    ).json;
    expect(reply).toMatchObject({
      status: 'ok',
      stream: 'stream-action',
      echo: 's',
      data: { data_type: 'file_complete', total_chunks: 4 },
    });
    expect(reply.packets.map((p: any) => p.data.data_type)).toEqual(['file_info', 'file_chunk', 'file_chunk', 'file_chunk', 'file_chunk']);
    expect(reply.packets.every((p: any) => p.stream === 'stream-action' && p.echo === 's')).toBe(true);
    const joined = Buffer.concat(reply.packets.slice(1).map((p: any) => Buffer.from(p.data.data, 'base64')));
    expect(joined).toEqual(bytes);
    const test = (await admin('POST', '/api/world/act/20002/test_download_stream', {})).json;
    expect(test.packets).toHaveLength(10);
    expect((await admin('POST', '/api/world/act/20002/get_login_info', {})).json).not.toHaveProperty('packets');
  });

  it('serves an OpenAPI document with every action and admin route, without a token', async () => {
    const response = await fetch(`${env.catnap.webuiUrl}/openapi.json`);
    const doc: any = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const name of env.catnap.dispatcher.table.specs().map((spec) => spec.name)) expect(doc.paths[`/${name}`]).toBeDefined();
    expect(doc.paths['/api/world/act/{user_id}/{action}'].post).toBeDefined();
    expect(doc.paths['/get_group_member_info'].post.requestBody.content['application/json'].schema.properties.group_id.type).toBe(
      'integer',
    );
    // Every admin route of the contract is there, with its params and its answer's schema.
    for (const route of allRouteContracts()) {
      const operation = doc.paths[route.url.replace(/:([a-z_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.values(operation.responses[String(route.status ?? 200)].content)[0], route.url).toHaveProperty('schema');
      for (const name of Object.keys(route.params?.properties ?? {})) {
        expect(
          operation.parameters.find((parameter: any) => parameter.name === name),
          `${route.url} ${name}`,
        ).toMatchObject({ in: 'path' });
      }
    }
    expect(doc.paths['/api/world/accounts'].get.responses['200'].content['application/json'].schema.items.properties.user_id.type).toBe(
      'integer',
    );
    // Milky's APIs with the spec's own schemas, every reference resolving inside the document.
    for (const api of env.catnap.milky.dispatcher.apis()) expect(doc.paths[`/api/${api.name}`]?.post, api.name).toBeDefined();
    const input = doc.paths['/api/send_group_message'].post.requestBody.content['application/json'].schema.$ref;
    expect(doc.components.schemas[input.split('/').pop()].properties.group_id).toMatchObject({ type: 'integer', minimum: 10001 });
    expect(doc.paths['/event'].get).toBeDefined();
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas[ref[1]!], ref[1]).toBeDefined();
    }
  });
});
