import { WebSocket } from 'ws';
import type { Logger } from '../../util/logger.js';
import { redactSecrets } from '../../util/redact.js';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from '../adapter.js';
import type { WebsocketClientConfig } from '../onebot-config.js';
import type { AdapterBacklog } from '../transport-observer.js';
import { WsSession } from './ws-session.js';

/** The reconnect delay doubles after each failed attempt, up to this many times reconnectInterval. */
const maxBackoffFactor = 8;

/**
 * NapCat `websocketClients[]`: a reverse WebSocket. Catnap connects to the bot's URL as a
 * Universal client (headers `X-Self-ID`, `X-Client-Role: Universal`, `Authorization: Bearer
 * <token>` when a token is set, `User-Agent: OneBot/11`) and serves it with the same session as
 * a forward socket (lifecycle `connect` first, events, heartbeats, calls). When the connection
 * closes or cannot be made it retries after `reconnectInterval`, doubling the wait after each
 * failed attempt (at most 8x); a successful connection resets the wait.
 */
export class WebsocketClientAdapter implements NetworkAdapter {
  readonly kind = 'websocketClients';
  readonly #logger: Logger;
  #ws: WebSocket | undefined;
  #session: WsSession | undefined;
  /** When the current connection opened (unix ms): a reconnect is told from it by this. */
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = true;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  /** Connections made so far (tests and the console read it). */
  connections = 0;

  constructor(
    readonly selfId: number,
    readonly config: WebsocketClientConfig,
    private readonly gateway: OneBotGateway,
  ) {
    this.#logger = gateway.logger.child({ adapter: config.name, selfId, transport: 'ws-reverse' });
  }

  get name(): string {
    return this.config.name;
  }

  /** Starts connecting; a bot that is not up yet is retried, never an error. */
  async start(): Promise<void> {
    let url: URL;
    try {
      url = new URL(this.config.url);
      if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
        throw new Error(`the url must start with ws:// or wss://, got ${redactSecrets(this.config.url)}`);
    } catch (error) {
      this.#state = 'error';
      this.#error = `websocketClients "${this.name}": ${(error as Error).message}`;
      throw new Error(this.#error, { cause: error });
    }
    this.#stopped = false;
    this.#connect();
    if (this.#state === 'error') throw new Error(this.#error);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#ws;
    const session = this.#session;
    this.#ws = undefined;
    this.#session = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    if (session) await session.close(1000, 'adapter stopped');
    else if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
  }

  /** Drops the connection (it reconnects on its schedule, unless refused) or stalls it. */
  async drop(options: { stall: boolean }): Promise<number> {
    const session = this.#session;
    if (!session) return 0;
    if (options.stall) session.stall();
    else await session.terminate();
    return 1;
  }

  backlog(): AdapterBacklog {
    return { maxPendingBytes: this.#session?.pendingBytes ?? 0 };
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      // Shown in the banner, the console and get_status: a token in the URL stays out of sight.
      endpoint: redactSecrets(this.config.url),
      clients: this.#session ? 1 : 0,
      connections: this.#session ? [{ remote: redactSecrets(this.config.url), role: 'universal', since: this.#since }] : [],
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  #connect(): void {
    if (this.#stopped) return;
    // A kicked account, or an adapter told to refuse for a while: try again later.
    const refused = this.gateway.dispatcher.faults?.refusal(this.selfId, this.name);
    if (refused) {
      this.#state = 'connecting';
      this.#error = refused;
      this.#scheduleReconnect(true);
      return;
    }
    this.#state = 'connecting';
    const { config } = this;
    const headers: Record<string, string> = {
      'X-Self-ID': String(this.selfId),
      'X-Client-Role': 'Universal',
      'User-Agent': 'OneBot/11',
    };
    if (config.token) headers.Authorization = `Bearer ${config.token}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(config.url, {
        headers,
        handshakeTimeout: 5000,
        perMessageDeflate: false,
        maxPayload: this.gateway.bodyLimit,
        autoPong: false,
        rejectUnauthorized: config.verifyCertificate,
      });
    } catch (error) {
      // A config the client cannot even try (a token that is not a valid header value, ...).
      this.#state = 'error';
      this.#error = `websocketClients "${this.name}": ${(error as Error).message}`;
      this.#stopped = true;
      return;
    }
    this.#ws = ws;
    ws.on('open', () => {
      if (this.#stopped || this.#ws !== ws) return;
      this.#failures = 0;
      this.#error = undefined;
      this.#state = 'connected';
      this.#since = Date.now();
      this.connections += 1;
      this.#logger.info({ url: config.url }, 'reverse WebSocket connected');
      const session = new WsSession(ws, this.gateway, {
        selfId: this.selfId,
        role: 'universal',
        format: config.messagePostFormat,
        reportSelfMessage: config.reportSelfMessage,
        debug: config.debug,
        dialect: config.dialect,
        heartIntervalMs: config.heartInterval,
        transport: 'ws-reverse',
        adapterName: config.name,
      });
      this.#session = session;
      session.start();
    });
    ws.on('unexpected-response', (_request, response) => {
      this.#error = `the bot answered the upgrade with HTTP ${response.statusCode}`;
      response.resume();
      ws.terminate();
    });
    ws.on('error', (error) => {
      this.#error = error.message;
      this.#logger.debug({ err: error, url: config.url }, 'reverse WebSocket error');
    });
    ws.on('close', () => {
      if (this.#ws !== ws) return;
      const wasConnected = this.#session !== undefined;
      this.#session = undefined;
      this.#ws = undefined;
      if (this.#stopped) return;
      if (wasConnected) this.#logger.info({ url: config.url }, 'reverse WebSocket closed; reconnecting');
      this.#state = 'connecting';
      this.#scheduleReconnect(wasConnected);
    });
  }

  #scheduleReconnect(afterConnection: boolean): void {
    const base = this.config.reconnectInterval;
    const delay = afterConnection ? base : base * Math.min(2 ** this.#failures, maxBackoffFactor);
    if (!afterConnection) this.#failures += 1;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect();
    }, delay);
  }
}
