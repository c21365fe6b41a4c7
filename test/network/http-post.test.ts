import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpClientAdapter, signBody } from '../../src/network/http-client-adapter.js';
import { transportWorld, until } from '../helpers/transports.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly event: any;
}

/** A bot's HTTP POST receiver: records each event and answers with `answer(event, response)`. */
async function receiver(answer: (event: any, response: ServerResponse) => void = (_event, response) => response.writeHead(204).end()) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const event = JSON.parse(body);
      received.push({ headers: request.headers, body, event });
      answer(event, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/onebot` };
}

const receivers: Server[] = [];
afterEach(async () => {
  for (const server of receivers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** `userId` says `text` in group 30001 through the real send action (as the admin act route runs it). */
async function send(tw: Awaited<ReturnType<typeof transportWorld>>, userId: number, text: string) {
  const envelope = await tw.dispatcher.dispatch(userId, 'send_group_msg', { group_id: 30001, message: text }, { transport: 'admin' });
  expect(envelope.status, envelope.message).toBe('ok');
  return envelope.data as { message_id: number };
}

const post = (url: string, extra: Record<string, unknown> = {}) => ({ httpClients: [{ name: 'post', enable: true, url, ...extra }] });

describe('httpClients (HTTP POST)', () => {
  it('POSTs each event as JSON with X-Self-ID and an HMAC-SHA1 X-Signature of the exact body', async () => {
    const { received, url } = await receiver();
    const tw = await transportWorld();
    await tw.apply(10001, post(url, { token: 'hmac-key' }));
    await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    await until(() => received.length === 1);
    const [{ headers, body, event }] = received as [Received];
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-self-id']).toBe('10001');
    expect(headers['x-signature']).toBe(`sha1=${createHmac('sha1', 'hmac-key').update(body).digest('hex')}`);
    expect(headers.authorization).toBeUndefined();
    expect(event).toMatchObject({ post_type: 'notice', notice_type: 'group_card', self_id: 10001, card_new: 'Bobby' });
    expect(signBody('hmac-key', body)).toBe(headers['x-signature']);
  });

  it('sends no signature without a token', async () => {
    const { received, url } = await receiver();
    const tw = await transportWorld();
    await tw.apply(10001, post(url));
    await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    await until(() => received.length === 1);
    expect(received[0]!.headers['x-signature']).toBeUndefined();
  });

  it('applies quick operations from the reply (ban) and ignores 404, 204, empty and non-JSON replies', async () => {
    const answers = [
      (response: ServerResponse) => response.writeHead(404).end('not found'),
      (response: ServerResponse) => response.writeHead(204).end(),
      (response: ServerResponse) => response.writeHead(200).end(''),
      (response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks!'),
      (response: ServerResponse) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ban: true, ban_duration: 600 })),
    ];
    let index = 0;
    const { received, url } = await receiver((_event, response) => (answers[index++] ?? answers[1]!)(response));
    const tw = await transportWorld();
    // Bot A is an admin of 30001; Carol (20003) is a plain member.
    await tw.apply(10001, post(url));
    const adapter = tw.network.adapters(10001)[0] as HttpClientAdapter;
    // Four group_card events answered with no operation; then a message answered with a ban.
    for (const card of ['a', 'b', 'c', 'd']) await tw.world.groups.setCard(20003, 30001, 20003, card);
    await until(() => received.length === 4);
    await adapter.whenIdle();
    expect((await tw.world.groups.findMember(30001, 20003))!.muteUntil).toBe(0);
    // Carol speaks in the group; the receiver answers that message event with a ban.
    await send(tw, 20003, 'hello');
    await until(() => received.length >= 5);
    await adapter.whenIdle();
    await tw.hub.flush();
    const member = await tw.world.groups.findMember(30001, 20003);
    expect(member!.muteUntil).toBe(Math.floor(tw.clock.nowMs() / 1000) + 600);
  });

  it('applies kick from the reply, and a failing operation changes nothing and is only logged', async () => {
    const { received, url } = await receiver((event, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(event.post_type === 'message' ? { kick: true } : {}));
    });
    const tw = await transportWorld();
    await tw.apply(10001, post(url));
    const adapter = tw.network.adapters(10001)[0] as HttpClientAdapter;
    // Alice owns the group: an admin cannot kick her, so nothing happens.
    await send(tw, 20001, 'hello');
    // Carol is a plain member: she is kicked.
    await send(tw, 20003, 'hello');
    await until(() => received.filter((entry) => entry.event.post_type === 'message').length === 2);
    await adapter.whenIdle();
    expect(await tw.world.groups.findMember(30001, 20001)).toBeDefined();
    expect(await tw.world.groups.findMember(30001, 20003)).toBeUndefined();
  });

  it('a reply body answers messages (reply lands in the group history) and requests (approve)', async () => {
    const { received, url } = await receiver((event, response) => {
      const operation =
        event.post_type === 'message'
          ? { reply: 'pong', at_sender: true }
          : event.post_type === 'request'
            ? { approve: true, remark: 'new pal' }
            : {};
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(operation));
    });
    const tw = await transportWorld();
    await tw.apply(10001, post(url, { token: 'sig' }));
    const adapter = tw.network.adapters(10001)[0] as HttpClientAdapter;
    const ping = await send(tw, 20003, 'ping');
    await until(() => received.some((entry) => entry.event.post_type === 'message'));
    await adapter.whenIdle();
    const history = await tw.dispatcher.dispatch(20003, 'get_group_msg_history', { group_id: 30001, count: 10 }, { transport: 'admin' });
    const answer = (history.data as { messages: any[] }).messages.find((message) => message.user_id === 10001);
    expect(answer.message).toEqual([
      { type: 'reply', data: { id: String(ping.message_id) } },
      { type: 'at', data: { qq: '20003' } },
      { type: 'text', data: { text: 'pong' } },
    ]);
    const request = await tw.dispatcher.dispatch(20002, 'send_friend_request', { user_id: 10001 }, { transport: 'admin' });
    expect(request.status).toBe('ok');
    await until(() => received.some((entry) => entry.event.post_type === 'request'));
    await adapter.whenIdle();
    await until(() => tw.world.friends.areFriends(10001, 20002), 10_000, 'the approved friendship');
  });

  it('gives up on a receiver after timeout ms and goes on with the next event', async () => {
    let calls = 0;
    const { received, url } = await receiver((_event, response) => {
      calls += 1;
      if (calls === 1) return; // never answers
      response.writeHead(204).end();
    });
    const tw = await transportWorld(undefined, { limits: { postConcurrency: 1 } });
    // The second event's answer must beat the timeout too: at 100 ms a busy machine's pause
    // between its request and the answer made it a second failure. Two seconds leave room.
    await tw.apply(10001, post(url, { timeout: 2000 }));
    const adapter = tw.network.adapters(10001)[0] as HttpClientAdapter;
    await tw.world.groups.setCard(20003, 30001, 20003, 'one');
    await tw.world.groups.setCard(20003, 30001, 20003, 'two');
    await until(() => received.length === 2, 30_000, 'the second event after the timeout');
    await adapter.whenIdle();
    expect(adapter.failed).toBe(1);
  });

  it('keeps a bounded queue for a slow receiver, dropping the oldest events', async () => {
    const held: ServerResponse[] = [];
    const { received, url } = await receiver((_event, response) => held.push(response));
    const tw = await transportWorld(undefined, { limits: { postConcurrency: 1, postQueueLimit: 3 } });
    await tw.apply(10001, post(url, { timeout: 0 }));
    const adapter = tw.network.adapters(10001)[0] as HttpClientAdapter;
    for (let n = 1; n <= 10; n += 1) await tw.world.groups.setCard(20003, 30001, 20003, `card ${n}`);
    await tw.hub.flush();
    await until(() => received.length === 1);
    expect(adapter.dropped).toBe(6);
    // Release the receiver: the first event and the three newest are delivered, in order.
    const release = setInterval(() => held.splice(0).forEach((response) => response.writeHead(204).end()), 5);
    await until(() => received.length === 4);
    clearInterval(release);
    expect(received.map((entry) => entry.event.card_new)).toEqual(['card 1', 'card 8', 'card 9', 'card 10']);
  });

  it('refuses a url that is not http(s), naming the adapter', async () => {
    const tw = await transportWorld();
    await expect(tw.apply(10001, post('ftp://x/'))).rejects.toThrow(/httpClients "post"/);
  });
});
