import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkToken, queryOf } from '../../util/token-auth.js';
import type { Logger } from '../../util/logger.js';
import { TickCork } from '../../util/tick-cork.js';
import { livePath, liveStreams, type LiveFrame, type LiveStream } from '../../contract/live.js';
import type { LiveHub, LiveInterest } from './live-hub.js';
import { hostRefusal, type HostPolicy } from '../host-guard.js';
import { LazyCaller, type ActCaller } from '../act-calls.js';
import { actRefusal, answerAct, type RunActCalls } from './live-act.js';

/** Frames a slow console may have queued before new ones are dropped (and counted); answers to `act` never are. */
const maxBufferedBytes = 8 * 1024 * 1024;
/**
 * Answers a client may leave unread before it is cut off: answers are not dropped, so a client
 * that sends requests and never reads would otherwise have Catnap hold them all.
 */
const maxUnreadAnswerBytes = 16 * 1024 * 1024;
/** `act` requests of one socket running at once; more are refused until one answers (`catnap load` keeps two out). */
const maxRunningActs = 64;
const pingIntervalMs = 30000;

/**
 * The console's live WebSocket at `/api/live`. The web UI token is checked before the upgrade
 * completes (`?token=`, since browsers cannot set headers on a WebSocket; a Bearer header works
 * too): a wrong or missing token gets a plain 401/403 and no socket. `?streams=onebot,call`
 * limits what is sent (default: everything); `?self_id=` limits the frames about an account
 * (calls, OneBot events, adapters, fired faults) to that one; `?streams=none` sends none of them.
 *
 * A client may send `act` requests: batches of OneBot calls run as `POST /api/world/act-batch`
 * runs them and answered on the socket (`acted`), which is how `catnap load` makes its people
 * speak: at thousands of messages a second, an HTTP request per batch (its parsing, routing, token
 * and host checks and answer) cost Catnap's event loop a sixth of its time.
 */
export function attachLiveSocket(
  app: FastifyInstance,
  hub: LiveHub,
  options: {
    readonly token: string;
    readonly hosts: HostPolicy | undefined;
    /** Runs an `act` request's calls. */
    readonly runActCalls: RunActCalls;
    /** Largest frame a client may send (an `act` request of 1,000 calls): the admin API's body limit. */
    readonly maxPayload: number;
  },
  logger: Logger,
): void {
  const { token, hosts } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const sockets = new Set<WebSocket>();

  const refuse = (socket: Duplex, status: number, reason: string, body: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0]!.replace(/\/+$/, '');
    if (path !== livePath) {
      refuse(socket, 404, 'Not Found', JSON.stringify({ error: { code: 'NOT_FOUND', message: `no WebSocket at ${path}` } }));
      return;
    }
    // The same Host rule as every other request of the web UI port (admin-server.ts).
    const hostProblem = hostRefusal(hosts, request.headers.host);
    if (hostProblem) {
      refuse(socket, 403, 'Forbidden', JSON.stringify({ error: { code: 'HOST_NOT_ALLOWED', message: hostProblem } }));
      return;
    }
    const query = queryOf(request.url);
    const given = query.get('token');
    if (given && !query.has('access_token')) query.set('access_token', given);
    const auth = checkToken(token, request.headers, query);
    if (auth !== 'ok') {
      const missing = auth === 'missing';
      refuse(
        socket,
        missing ? 401 : 403,
        missing ? 'Unauthorized' : 'Forbidden',
        JSON.stringify({
          error: { code: missing ? 'TOKEN_MISSING' : 'TOKEN_WRONG', message: `the web UI token is ${missing ? 'missing' : 'wrong'}` },
        }),
      );
      return;
    }
    const streams = parseStreams(query.get('streams'));
    if (!streams) {
      refuse(
        socket,
        400,
        'Bad Request',
        JSON.stringify({ error: { code: 'BAD_REQUEST', message: `streams must be a comma-separated list of ${liveStreams.join(', ')}` } }),
      );
      return;
    }
    const selfId = parseSelfId(query.get('self_id'));
    if (selfId === null) {
      refuse(socket, 400, 'Bad Request', JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'self_id must be an account number' } }));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, { streams, ...(selfId !== undefined && { selfId }) }));
  };

  const serve = (ws: WebSocket, interest: LiveInterest) => {
    const { streams } = interest;
    sockets.add(ws);
    let dropped = 0;
    let alive = true;
    // `catnap load` watches a bot's calls here, thousands a second.
    const cork = new TickCork(ws);
    const caller = socketGone(ws);
    let runningActs = 0;
    const answer = (frame: LiveFrame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxUnreadAnswerBytes) {
        logger.warn({ pendingBytes: ws.bufferedAmount }, 'live socket client does not read its act answers; cutting it off');
        ws.terminate();
        return;
      }
      cork.hold();
      ws.send(JSON.stringify(frame));
    };
    const send = (json: string) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        dropped++;
        return;
      }
      cork.hold();
      if (dropped > 0) {
        ws.send(JSON.stringify({ type: 'dropped', count: dropped } satisfies LiveFrame));
        dropped = 0;
      }
      ws.send(json);
    };
    send(JSON.stringify({ type: 'hello', time: Date.now(), streams: [...streams] } satisfies LiveFrame));
    const remove = hub.add((_frame, json) => send(json), interest);
    const ping = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, pingIntervalMs);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        return; // Not JSON: ignored, as anything else that is no request.
      }
      if (typeof message !== 'object' || message === null) return;
      // A console's ping of its own, to measure the link.
      if (message.type === 'ping') send(JSON.stringify({ type: 'pong', time: Date.now() } satisfies LiveFrame));
      if (message.type !== 'act') return;
      if (runningActs >= maxRunningActs) {
        const why = `${maxRunningActs} act requests of this socket are still running; send more as they answer`;
        answer(actRefusal(message, 'TOO_MANY_REQUESTS', why));
        return;
      }
      runningActs++;
      answerAct(message, options.runActCalls, caller)
        .catch((error: unknown) => {
          logger.error({ err: error }, 'live act request failed');
          return actRefusal(message, 'INTERNAL', 'the calls failed inside Catnap; see its log');
        })
        .then((frame) => {
          runningActs--;
          answer(frame);
        });
    });
    ws.on('error', (error) => logger.debug({ err: error }, 'live socket error'));
    ws.on('close', () => {
      clearInterval(ping);
      remove();
      sockets.delete(ws);
    });
  };

  app.server.on('upgrade', onUpgrade);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    for (const ws of sockets) ws.terminate();
    sockets.clear();
    hub.stop();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

function parseStreams(value: string | null): ReadonlySet<LiveStream> | undefined {
  if (!value) return new Set(liveStreams);
  if (value === 'none') return new Set();
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0 || names.some((name) => !(liveStreams as readonly string[]).includes(name))) return undefined;
  return new Set(names as LiveStream[]);
}

/** `?self_id=`: absent is every account; anything but a positive integer is refused (null). */
function parseSelfId(value: string | null): number | undefined | null {
  if (value === null || value === '') return undefined;
  return /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
}

/** Aborts when the socket closes: that lets go of an `act` call a fault holds, as an HTTP caller's going does. */
function socketGone(ws: WebSocket): ActCaller {
  return new LazyCaller((gone) => {
    if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) gone();
    else ws.once('close', gone);
  });
}
