import { describe, expect, it } from 'vitest';
import { TestSocket, transportWorld, until } from '../helpers/transports.js';

describe('many WebSocket clients', () => {
  it('serves 1,000 concurrent forward WebSocket connections: each gets connect, the event and its own reply', async () => {
    const env = await transportWorld();
    await env.apply(10001, { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 }] });
    const url = `ws://127.0.0.1:${env.port(10001, 'ws')}/`;
    const sockets: TestSocket[] = [];
    try {
      for (let batch = 0; batch < 10; batch++) {
        sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => TestSocket.open(url, { perMessageDeflate: false })))));
      }
      expect(sockets).toHaveLength(1000);
      await until(
        () => sockets.every((socket) => socket.frames.some((frame) => frame.meta_event_type === 'lifecycle')),
        20_000,
        'lifecycle on every socket',
      );
      await env.dispatcher.dispatch(20002, 'send_group_msg', { group_id: 30001, message: 'to everyone' }, { transport: 'test' });
      await until(
        () => sockets.every((socket) => socket.frames.some((frame) => frame.raw_message === 'to everyone')),
        20_000,
        'the message on every socket',
      );
      const replies = await Promise.all(sockets.map((socket) => socket.call('get_login_info')));
      expect(replies.every((reply) => reply.status === 'ok' && reply.data.user_id === 10001)).toBe(true);
    } finally {
      for (const socket of sockets) socket.ws.terminate();
    }
  }, 120_000);
});
