import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { failed } from '../../onebot/envelope.js';
import { protocolErrors } from '../../onebot/error-catalogue.js';
import { checkToken, queryOf } from '../../util/token-auth.js';
import type { OneBotGateway, ClientConnection } from '../adapter.js';
import { browserRefusal } from '../browser-guard.js';
import { WsSession, type WsRole, type WsSessionOptions } from './ws-session.js';

export interface WsEndpointOptions extends Omit<WsSessionOptions, 'role'> {
  readonly token: string;
}

/**
 * OneBot 11 paths: `/api` takes calls only, `/event` pushes events only (in the NapCat dialect it
 * takes calls too, see WsSession), and `/` (like every other path, as in NapCat) does both.
 */
export function roleOfPath(url: string | undefined): WsRole {
  const path = (url ?? '/').split('?')[0]!.replace(/\/+$/, '');
  if (path === '/api') return 'api';
  if (path === '/event') return 'event';
  return 'universal';
}

/**
 * The server side of OneBot WebSockets, for any HTTP server: it authenticates an upgrade request
 * before the upgrade completes (401 without a token, 403 with a wrong one, answered on the raw
 * socket), then hands the socket to a `WsSession` in the role its path asks for.
 */
export class WsEndpoint {
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<WsSession>();
  readonly #connections = new Map<WsSession, ClientConnection>();
  #closed = false;

  constructor(
    private readonly gateway: OneBotGateway,
    private readonly options: WsEndpointOptions,
  ) {
    // A frame is a request like an HTTP body: the same limit (api.bodyLimit) bounds both.
    // autoPong off: sessions answer pings themselves, so a stalled one can stop (connection chaos).
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: gateway.bodyLimit, perMessageDeflate: false, autoPong: false });
  }

  get clients(): number {
    return this.#sessions.size;
  }

  /** The most bytes any of its sockets has waiting to go out. */
  get maxPendingBytes(): number {
    let max = 0;
    for (const session of this.#sessions) max = Math.max(max, session.pendingBytes);
    return max;
  }

  /** Who is connected, for the console. */
  get connections(): ClientConnection[] {
    return [...this.#connections.values()];
  }

  /** The `upgrade` listener of an HTTP server. */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (this.#closed) {
      rejectUpgrade(socket, 503, 'Service Unavailable', failed(protocolErrors.INTERNAL.retcode, 'this adapter is stopping', null));
      return;
    }
    const auth = checkToken(this.options.token, request.headers, queryOf(request.url));
    if (auth !== 'ok') {
      const missing = auth === 'missing';
      rejectUpgrade(
        socket,
        missing ? 401 : 403,
        missing ? 'Unauthorized' : 'Forbidden',
        failed(
          missing ? protocolErrors.TOKEN_MISSING.retcode : protocolErrors.TOKEN_WRONG.retcode,
          missing ? 'access token is missing' : 'access token is wrong',
          null,
        ),
      );
      return;
    }
    // Browsers always send Origin on a WebSocket; a token-less socket must not be a page's.
    const refusal = browserRefusal(request.headers, this.options.token, this.gateway.browser);
    if (refusal) {
      rejectUpgrade(socket, 403, 'Forbidden', failed(protocolErrors.BROWSER_REFUSED.retcode, refusal, null));
      return;
    }
    // A kicked account, or an adapter told to refuse for a while (docs/faults.md): the bot cannot get in.
    const refused = this.gateway.dispatcher.faults?.refusal(this.options.selfId, this.options.adapterName);
    if (refused) {
      rejectUpgrade(socket, 503, 'Service Unavailable', failed(protocolErrors.INTERNAL.retcode, refused, null));
      return;
    }
    const role = roleOfPath(request.url);
    const remote = `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new WsSession(ws, this.gateway, { ...this.options, role });
      this.#sessions.add(session);
      this.#connections.set(session, { remote, role, since: Date.now() });
      const log = { adapter: this.options.adapterName, selfId: this.options.selfId, role, remote };
      this.gateway.logger.info(log, 'WebSocket client connected');
      void session.closed.then(() => {
        this.#sessions.delete(session);
        this.#connections.delete(session);
        this.gateway.logger.info(log, 'WebSocket client disconnected');
      });
      if (this.#closed) {
        void session.close(1001, 'server stopping');
        return;
      }
      session.start();
    });
  };

  /** Drops every client now (1006-like abrupt close), or stalls them; answers how many. */
  async drop(stall: boolean): Promise<number> {
    const sessions = [...this.#sessions];
    if (stall) for (const session of sessions) session.stall();
    else await Promise.all(sessions.map((session) => session.terminate()));
    return sessions.length;
  }

  /** Closes every session (1001 "going away"); idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#sessions].map((session) => session.close(1001, 'server stopping')));
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

/** Answers an upgrade request with a plain HTTP error on the raw socket; no WebSocket is opened. */
function rejectUpgrade(socket: Duplex, status: number, statusText: string, body: unknown): void {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Connection: close\r\n\r\n' +
      json,
  );
  socket.once('finish', () => socket.destroy());
}
