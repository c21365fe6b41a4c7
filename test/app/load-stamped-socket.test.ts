import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { SocketObserver, type ObservedMessage } from '../../src/app/load/socket-observer.js';
import { StampedSocket, type OpenFailure } from '../../src/app/load/stamped-socket.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A WebSocket server on a free port that answers upgrades only with the right bearer token. */
async function server(token = 'right'): Promise<{ url: string; connected: Promise<WebSocket> }> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  let connect: (socket: WebSocket) => void = () => undefined;
  const connected = new Promise<WebSocket>((resolve) => (connect = resolve));
  http.on('upgrade', (request, socket, head) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, connect);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const client of wss.clients) client.terminate();
    return new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, connected };
}

const describeFailure = (failure: OpenFailure) => new Error('status' in failure ? `HTTP ${failure.status}` : `error ${failure.error}`);

describe('the load run’s timed sockets', () => {
  it('stamp an event with when it arrived, even while the thread that reads it is busy', async () => {
    const { url, connected } = await server();
    const observer = await SocketObserver.open(url, 'right');
    closers.push(() => observer.close());
    const seen: ObservedMessage[] = [];
    const arrived = new Promise<void>((resolve) => {
      observer.onMessage = (message) => {
        seen.push(message);
        if (seen.length === 2) resolve();
      };
    });
    const peer = await connected;
    const sentAt = performance.now();
    const event = (messageId: number) => ({
      post_type: 'message',
      message_type: 'group',
      message_id: messageId,
      group_id: 30001,
      user_id: 20001,
    });
    peer.send(JSON.stringify(event(1)));
    peer.send(JSON.stringify({ post_type: 'meta_event', meta_event_type: 'heartbeat' }));
    peer.send(JSON.stringify(event(2)));
    // This thread is busy for a second after the events left: their times must not include that.
    // Stamped here, they could read no earlier than its end; stamped by the socket's own thread,
    // they are earlier however slowly that thread was scheduled, short of a second.
    while (performance.now() - sentAt < 1000);
    const busyUntil = performance.now();
    await arrived;
    expect(seen.map(({ messageId, groupId, userId }) => [messageId, groupId, userId])).toEqual([
      [1, 30001, 20001],
      [2, 30001, 20001],
    ]);
    expect(observer.otherFrames).toBe(1);
    for (const message of seen) {
      expect(message.at).toBeGreaterThanOrEqual(sentAt);
      expect(message.at).toBeLessThan(busyUntil);
    }
  });

  it('say why a socket could not be opened: the refused upgrade’s status, or the connection’s error', async () => {
    const { url } = await server();
    await expect(StampedSocket.open(url, { authorization: 'Bearer wrong' }, describeFailure)).rejects.toThrow('HTTP 401');
    await expect(StampedSocket.open('ws://127.0.0.1:9', {}, describeFailure)).rejects.toThrow(/^error .*ECONNREFUSED/);
    await expect(SocketObserver.open(url, 'wrong')).rejects.toThrow(
      `cannot watch the bot's socket at ${url}: HTTP 401 (wrong --observe-token?)`,
    );
  });
});
