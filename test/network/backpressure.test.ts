import { request, type IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { TestSocket, transportWorld, until } from '../helpers/transports.js';

/** A logger that keeps its JSON lines for the test to read. */
function capturingLogger() {
  const lines: any[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('backpressure: a slow or dead client never blocks the others nor grows memory without bound', () => {
  it('closes a WebSocket client that stops reading once its pending data passes the limit (1013), while others get everything', async () => {
    const { logger, lines } = capturingLogger();
    const tw = await transportWorld(undefined, { limits: { maxPendingBytes: 256 * 1024 }, logger });
    await tw.apply(10001, { websocketServers: [{ name: 'ws', enable: true, port: 0, heartInterval: 0 }] });
    const url = `ws://127.0.0.1:${tw.port(10001, 'ws')}/`;
    const slow = await TestSocket.open(url);
    const fast = await TestSocket.open(url);
    await slow.next(() => true);
    // The slow client's process stops reading its socket (a frozen bot).
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    const renames = 200;
    const longName = 'x'.repeat(100 * 1024);
    for (let n = 0; n < renames; n += 1) {
      await tw.world.groups.rename(20001, 30001, `${n}-${longName}`);
      // Changes arrive over the network in real life: let the event loop write between them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 20 MB of events to read and parse: seconds on a loaded machine, so the waits are generous.
    await until(
      () => fast.frames.filter((frame) => frame.notice_type === 'notify').length === renames,
      30_000,
      'every rename on the fast client',
    );

    await until(() => tw.network.status(10001)[0]!.clients === 1, 30_000, 'the slow client to be dropped');
    const warning = lines.find((line) => /closing it with 1013/.test(line.msg));
    expect(warning).toMatchObject({ level: 40, limit: 256 * 1024, adapter: 'ws', selfId: 10001 });
    expect(warning.pendingBytes).toBeGreaterThan(256 * 1024);
    // The fast client is unaffected and still served.
    expect((await fast.call('get_login_info')).status).toBe('ok');
  });

  it('ends an SSE stream whose reader stops reading', async () => {
    const { logger, lines } = capturingLogger();
    const tw = await transportWorld(undefined, { limits: { maxPendingBytes: 256 * 1024 }, logger });
    await tw.apply(10001, { httpSseServers: [{ name: 'sse', enable: true, port: 0 }] });
    const response = await new Promise<IncomingMessage>((resolve) =>
      request(`http://127.0.0.1:${tw.port(10001, 'sse')}/_events`, resolve).end(),
    );
    response.pause();
    const longName = 'y'.repeat(100 * 1024);
    for (let n = 0; n < 200; n += 1) {
      await tw.world.groups.rename(20001, 30001, `${n}-${longName}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => tw.network.status(10001)[0]!.clients === 0, 30_000, 'the stream to be ended');
    expect(lines.some((line) => /event stream client is not reading/.test(line.msg))).toBe(true);
    response.destroy();
  });
});
