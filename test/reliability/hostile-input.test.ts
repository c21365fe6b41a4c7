import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { banner } from '../../src/app/cli/start-command.js';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { botAccount, smallWorld } from '../helpers/world.js';

/**
 * Catnap as an attacker meets it: bots with tokens of their own, on one shared instance, trying
 * to read what is not theirs or to bring the process down. Each case is a finding that once held
 * on this code base; the suite keeps them fixed.
 */
const api = (name: string, token: string) => ({
  httpServers: [{ name, enable: true, host: '127.0.0.1', port: 0, token }],
  websocketServers: [{ name: `${name}-ws`, enable: true, host: '127.0.0.1', port: 0, token }],
});
const world = {
  ...smallWorld,
  accounts: smallWorld.accounts!.map((account) =>
    account.user_id === 10001
      ? { ...account, onebot: { network: api('a', 'tok-a') } }
      : account.user_id === 10002
        ? { ...account, onebot: { network: api('b', 'tok-b') } }
        : account,
  ),
};

let env: Awaited<ReturnType<typeof startCatnap>>;
let urlA = '';
let wsA = '';
/** Calls an action as bot A over its HTTP API (the attacker). */
const asA = async (action: string, params: unknown) => {
  const response = await fetch(`${urlA}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer tok-a' },
    body: JSON.stringify(params),
  });
  return { status: response.status, json: (await response.json()) as { status: string; retcode: number; data: any; message: string } };
};

beforeAll(async () => {
  env = await startCatnap(world);
  urlA = env.catnap.network.status(10001).find((status) => status.kind === 'httpServers')!.endpoint;
  wsA = env.catnap.network.status(10001).find((status) => status.kind === 'websocketServers')!.endpoint;
});
afterAll(async () => env.catnap.stop());

describe('local files', () => {
  it("never hands a bot another bot's token through a file upload (finding 1)", async () => {
    const stolen = join(env.dataDir, 'config', 'onebot11_10002.json');
    for (const file of [stolen, `file://${stolen}`, join(env.dataDir, 'catnap.db'), join(env.dataDir, 'config', 'catnap.json')]) {
      const upload = await asA('upload_group_file', { group_id: 30001, file, name: 'loot.json' });
      expect(upload.json).toMatchObject({ status: 'failed', retcode: 2204 });
      expect(upload.json.message).not.toContain('tok-b');
    }
    const image = await asA('send_group_msg', { group_id: 30001, message: [{ type: 'image', data: { file: `file://${stolen}` } }] });
    expect(image.json).toMatchObject({ status: 'failed', retcode: 2204 });
  });

  it('reads no local path once an adapter listens beyond loopback, and names media.fileRoots', async () => {
    const mine = join(await tempDir(), 'cat.txt');
    await writeFile(mine, 'meow');
    expect(env.catnap.onLoopbackOnly()).toBe(true);
    expect((await asA('upload_group_file', { group_id: 30001, file: `file://${mine}`, name: 'cat.txt' })).json.status).toBe('ok');
    await env.catnap.writeOnebotConfig(20003, { network: api('exposed', '') });
    expect(env.catnap.onLoopbackOnly()).toBe(true);
    await env.catnap.writeOnebotConfig(20003, { network: { httpServers: [{ name: 'exposed', enable: true, host: '0.0.0.0', port: 0 }] } });
    try {
      expect(env.catnap.onLoopbackOnly()).toBe(false);
      const printed = (await banner(env.catnap)).join('\n');
      expect(printed).toMatch(/Warning: no token beyond loopback; anyone who reaches http:\/\/0\.0\.0\.0:\d+ acts as account 20003/);
      expect(printed).toContain('Local media files: off');
      const upload = await asA('upload_group_file', { group_id: 30001, file: `file://${mine}`, name: 'cat.txt' });
      expect(upload.json).toMatchObject({ status: 'failed', retcode: 2204 });
      expect(upload.json.message).toMatch(/media\.fileRoots/);
    } finally {
      await env.catnap.writeOnebotConfig(20003, { network: {} });
    }
    expect(env.catnap.onLoopbackOnly()).toBe(true);
    // A Milky server beyond loopback counts the same.
    await env.catnap.milky.write(20003, { http: { host: '0.0.0.0', port: 0, accessToken: 'm' } });
    try {
      expect(env.catnap.onLoopbackOnly()).toBe(false);
      expect((await asA('upload_group_file', { group_id: 30001, file: `file://${mine}`, name: 'cat.txt' })).json.retcode).toBe(2204);
    } finally {
      await env.catnap.milky.write(20003, { enable: false });
    }
    expect(env.catnap.onLoopbackOnly()).toBe(true);
  });
});

describe('media ids are capabilities of their conversation', () => {
  it('resolves a file by name or id only for accounts that could see it in QQ (finding 2)', async () => {
    const diary = Buffer.from('dear diary').toString('base64');
    const sent = await env.admin('POST', '/api/world/act/20001/send_private_msg', {
      user_id: 20002,
      group_id: 30001,
      message: [{ type: 'file', data: { file: `base64://${diary}`, name: 'diary.txt' } }],
    });
    expect(sent.json.status).toBe('ok');
    const received = await env.admin('POST', '/api/world/act/20002/get_msg', { message_id: sent.json.data.message_id });
    const fileId = received.json.data.message[0].data.file_id as string;
    // Bob, who received it, finds it by name and by id; bot A, outside the chat, by neither.
    expect((await env.admin('POST', '/api/world/act/20002/get_file', { file: 'diary.txt' })).json.status).toBe('ok');
    for (const params of [{ file: 'diary.txt' }, { file_id: fileId }]) {
      const stolen = await asA('get_file', params);
      expect(stolen.json).toMatchObject({ status: 'failed', retcode: 2005, data: null });
      const resent = await asA('send_group_msg', {
        group_id: 30001,
        message: [{ type: 'file', data: { file: Object.values(params)[0] } }],
      });
      expect(resent.json.status).toBe('failed');
    }

    // A group file of group 30002 (bot A is not a member) cannot be re-sent by its id either.
    const upload = await env.admin('POST', '/api/world/act/20001/upload_group_file', {
      group_id: 30002,
      file: `base64://${Buffer.from('lab notes').toString('base64')}`,
      name: 'notes.txt',
    });
    const groupFileId = upload.json.data.file_id as string;
    const resent = await asA('send_group_msg', { group_id: 30001, message: [{ type: 'file', data: { file: groupFileId } }] });
    expect(resent.json.status).toBe('failed');
    expect((await asA('get_file', { file_id: groupFileId })).json).toMatchObject({ status: 'failed', retcode: 2005 });
    expect((await env.admin('POST', '/api/world/act/20001/get_file', { file_id: groupFileId })).json.status).toBe('ok');
  });
});

describe('outbound fetches', () => {
  it('never fetches loopback or private addresses for a bot, nor follows a redirect there, nor tells ports apart (finding 3)', async () => {
    const redirector = createServer((_request, response) =>
      response.writeHead(302, { location: `${env.catnap.webuiUrl}/api/world/accounts` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const texts = new Set<string>();
      for (const url of [
        `${env.catnap.webuiUrl}/openapi.json`,
        `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/go`,
        'http://127.0.0.1:1/closed',
        'http://169.254.169.254/latest/meta-data/',
      ]) {
        const image = await asA('send_group_msg', { group_id: 30001, message: [{ type: 'image', data: { file: url } }] });
        const download = await asA('download_file', { url });
        for (const answer of [image.json, download.json]) {
          expect(answer).toMatchObject({ status: 'failed', retcode: 2201 });
          texts.add(answer.message.replace(url, 'URL'));
        }
      }
      expect([...texts]).toHaveLength(1);
    } finally {
      redirector.close();
    }
  });
});

/** Sends only the head of a request with a huge body announced; answers the status line Catnap sends back (or "none"). */
function headOnly(url: string, path: string, extra = ''): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    // Generous: a loaded machine may take seconds to answer even at once; a Catnap that reads the
    // body first never answers (the body never comes), so this only decides how late that shows.
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('none');
    }, 20_000);
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.on('error', () => undefined);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 65000000\r\n${extra}\r\n{"a":`,
    );
  });
}

describe('the admin API', () => {
  it('answers a request without the token before reading its body (finding 6)', async () => {
    for (const path of ['/api/world/apply', '/api/media?name=x.bin', '/api/world/act/20001/send_group_msg']) {
      expect(await headOnly(env.catnap.webuiUrl, path)).toBe('HTTP/1.1 401 Unauthorized');
      expect(await headOnly(env.catnap.webuiUrl, path, 'Authorization: Bearer wrong\r\n')).toBe('HTTP/1.1 403 Forbidden');
    }
    expect((await env.admin('GET', '/api/world/accounts')).status).toBe(200);
  });
});

/** Posts raw JSON text as bot A (for values JSON.stringify cannot write, like 2^53+1). */
const rawA = async (action: string, body: string) => {
  const response = await fetch(`${urlA}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer tok-a' },
    body,
  });
  return { status: response.status, json: (await response.json()) as { status: string; retcode: number; message: string; echo: unknown } };
};
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('params', () => {
  it('takes ids only as integers or decimal strings in the safe range, naming the field otherwise', async () => {
    for (const id of ['"1e3"', '30003.5', '"0x7533"', 'true', '9007199254740993', '"9007199254740993"', '"30001 "']) {
      const answer = await rawA('get_group_info', `{"group_id": ${id}}`);
      expect(answer.json, id).toMatchObject({ status: 'failed', retcode: 1400 });
      expect(answer.json.message).toMatch(/^group_id: must be an integer/);
    }
    expect((await rawA('get_group_info', '{"group_id": "30001"}')).json.status).toBe('ok');
    expect((await rawA('get_group_info', '{"group_id": 30001}')).json.status).toBe('ok');
  });

  it('refuses prototype keys anywhere in params, and sends nothing', async () => {
    const before = (await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001 })).json.data.messages.length;
    for (const body of [
      '{"__proto__": {"group_id": 30001, "message": "polluted"}}',
      '{"group_id": 30001, "message": "hi", "constructor": {"prototype": {"x": 1}}}',
      '{"group_id": 30001, "message": [{"type": "text", "data": {"text": "hi", "__proto__": {"text": "x"}}}]}',
      '{"group_id": 30001, "message": [{"type": "text", "data": {"text": "hi"}, "prototype": 1}]}',
    ]) {
      const answer = await rawA('send_group_msg', body);
      expect(answer.json, body).toMatchObject({ status: 'failed', retcode: 1400 });
      expect(answer.json.message).toMatch(/the key "(__proto__|constructor|prototype)" is not allowed/);
    }
    const form = await fetch(`${urlA}/send_group_msg`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer tok-a' },
      body: 'group_id=30001&message=hi&__proto__=x',
    });
    expect(((await form.json()) as { retcode: number }).retcode).toBe(1400);
    expect(({} as Record<string, unknown>).group_id).toBeUndefined();
    const after = (await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001 })).json.data.messages.length;
    expect(after).toBe(before);
  });

  it('answers deeply nested params and echo with a clear error on HTTP and WebSocket', async () => {
    const viaHttp = await rawA('get_login_info', `{"echo": ${deep(200_000)}}`);
    expect(viaHttp.status).toBe(200);
    expect(viaHttp.json).toMatchObject({ status: 'failed', retcode: 1400, echo: null });
    expect(viaHttp.json.message).toMatch(/echo: nested deeper than 32 levels \(api\.maxJsonDepth\)/);
    const root = await fetch(urlA, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok-a' },
      body: `{"action": "get_login_info", "params": {"x": ${deep(100_000)}}, "echo": "e1"}`,
    });
    expect(await root.json()).toMatchObject({
      status: 'failed',
      retcode: 1400,
      echo: 'e1',
      message: 'params: nested deeper than 32 levels',
    });
    const rootEcho = await fetch(urlA, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok-a' },
      body: `{"echo": ${deep(100_000)}}`,
    });
    expect(rootEcho.status).toBe(200);

    const socket = new WebSocket(`${wsA}/api`, { headers: { authorization: 'Bearer tok-a' }, maxPayload: 0 });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const replies: any[] = [];
    socket.on('message', (data) => replies.push(JSON.parse(data.toString())));
    socket.send(`{"action": "get_login_info", "echo": ${deep(200_000)}}`);
    socket.send(`{"echo": ${deep(200_000)}}`);
    socket.send(`{"action": "get_login_info", "params": ${deep(200_000)}, "echo": 7}`);
    socket.send('{"action": "get_login_info", "echo": 8}');
    await vi.waitFor(() => expect(replies).toHaveLength(4), { timeout: 10_000 });
    socket.close();
    expect(replies[0]).toMatchObject({ retcode: 1400, echo: null });
    expect(replies[1]).toMatchObject({ retcode: 1400, echo: null });
    expect(replies[2]).toMatchObject({ retcode: 1400, echo: 7 });
    expect(replies[3]).toMatchObject({ status: 'ok', echo: 8 });
  });
});

describe('world files and admin bodies', () => {
  it('refuse prototype keys, in JSON and in YAML', async () => {
    for (const [path, body, type] of [
      ['/api/world/apply', '{"accounts": [{"user_id": 20009, "nickname": "X", "constructor": {"bot": true}}]}', 'application/json'],
      ['/api/world/apply', 'accounts:\n  - user_id: 20009\n    nickname: X\n    __proto__: {bot: true}\n', 'application/yaml'],
      ['/api/world/accounts', '{"user_id": 20009, "nickname": "X", "prototype": {"bot": true}}', 'application/json'],
    ]) {
      const answer = await env.admin('POST', path!, body, { 'content-type': type! });
      expect(answer.status, body).toBe(400);
      expect(JSON.stringify(answer.json)).toMatch(/__proto__|constructor|prototype/);
    }
    expect((await env.admin('GET', '/api/world/accounts/20009')).status).toBe(404);
  });
});

describe('message size', () => {
  it('caps text, segments and forward nodes with a 1400 naming the setting, and stores nothing (finding 7)', async () => {
    const history = async () =>
      (await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001 })).json.data.messages.length;
    const before = await history();
    const cases: [unknown, RegExp][] = [
      ['x'.repeat(20 * 1024 * 1024), /message\.maxTextBytes/],
      [[{ type: 'json', data: { data: '{"a":"' + 'y'.repeat(70_000) + '"}' } }], /message\.maxTextBytes/],
      [Array.from({ length: 200_000 }, () => ({ type: 'text', data: { text: 'a' } })), /message\.maxSegments/],
      ['[CQ:face,id=1]'.repeat(20_000), /message\.maxSegments/],
      [Array.from({ length: 5000 }, () => ({ type: 'node', data: { content: 'hi' } })), /message\.maxForwardNodes/],
      [Array.from({ length: 100_000 }, () => ({ type: 'node', data: { content: 'hi' } })), /message\.max(Segments|ForwardNodes)/],
      [
        Array.from({ length: 40 }, () => ({
          type: 'node',
          data: { content: Array.from({ length: 30 }, () => ({ type: 'node', data: { content: 'x' } })) },
        })),
        /message\.maxForwardNodes/,
      ],
    ];
    for (const [message, setting] of cases) {
      const answer = await asA('send_group_msg', { group_id: 30001, message });
      expect(answer.json).toMatchObject({ status: 'failed', retcode: 1400 });
      expect(answer.json.message).toMatch(setting);
    }
    expect(await history()).toBe(before);
    // Within the limits, long messages still go through.
    expect((await asA('send_group_msg', { group_id: 30001, message: 'z'.repeat(60_000), auto_escape: true })).json.status).toBe('ok');
    expect(
      (
        await asA('send_group_msg', {
          group_id: 30001,
          message: Array.from({ length: 5000 }, () => ({ type: 'text', data: { text: 'a' } })),
        })
      ).json.status,
    ).toBe('ok');
  });
});

/**
 * Dribbles a request a byte at a time (the head, or a body after a whole head) and answers how
 * long Catnap kept the connection open, or "open" if it still was after `giveUpMs`.
 */
function dribble(url: string, part: 'head' | 'body', giveUpMs = 10_000): Promise<number | 'open'> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    socket.on('error', () => undefined);
    if (part === 'body')
      socket.write('POST /get_login_info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    else socket.write('GET / HTTP/1.1\r\n');
    const timer = setInterval(() => socket.write(part === 'body' ? ' ' : 'X'), 200);
    const giveUp = setTimeout(() => finish('open'), giveUpMs);
    const finish = (result: number | 'open') => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve(result);
    };
    socket.on('close', () => finish(Date.now() - started));
  });
}

describe('slow clients', () => {
  it('are cut off after api.requestTimeoutMs on every HTTP server, token or not (finding 8)', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'config'), { recursive: true });
    await writeFile(join(dataDir, 'config', 'catnap.json'), JSON.stringify({ api: { requestTimeoutMs: 1000 } }));
    const slow = await startCatnap(
      {
        accounts: [
          botAccount({
            httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port: 0 }],
            httpSseServers: [{ name: 'sse', enable: true, host: '127.0.0.1', port: 0 }],
            websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0 }],
          }),
        ],
      },
      { dataDir },
    );
    try {
      const endpoints = slow.catnap.network.status(10001).map((status) => status.endpoint.replace(/^ws:/, 'http:'));
      const results = await Promise.all([
        ...[...endpoints, slow.catnap.webuiUrl].map((url) => dribble(url, 'head')),
        dribble(endpoints[0]!, 'body'),
        dribble(slow.catnap.webuiUrl, 'body'),
      ]);
      for (const result of results) expect(result).not.toBe('open');
    } finally {
      await slow.catnap.stop();
    }
  }, 30_000);
});
