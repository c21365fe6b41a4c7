import type { FastifyInstance } from 'fastify';
import type { AdapterStatus, ClientConnection, NetworkAdapter, OneBotGateway } from './adapter.js';
import { buildHttpApi } from './http-api.js';
import { closeWithinGrace } from '../util/http-timeouts.js';
import { listenOn } from './listen.js';
import type { HttpServerConfig, HttpSseServerConfig } from './onebot-config.js';
import type { AdapterBacklog } from './transport-observer.js';
import { WsEndpoint } from './ws/ws-endpoint.js';

/** NapCat's embedded WebSocket on an HTTP port has a fixed 30 s heartbeat. */
const embeddedHeartIntervalMs = 30_000;

/**
 * NapCat `httpServers[]`: the OneBot HTTP API of one account on its own port. With
 * `enableWebsocket` the same port also accepts OneBot WebSockets (the same session class as the
 * WebSocket server; `httpServers` never report the account's own messages there, as in NapCat).
 */
export class HttpServerAdapter implements NetworkAdapter {
  readonly kind: string = 'httpServers';
  protected app: FastifyInstance | undefined;
  #endpoint: WsEndpoint | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #port: number;

  constructor(
    readonly selfId: number,
    readonly config: HttpServerConfig | HttpSseServerConfig,
    protected readonly gateway: OneBotGateway,
  ) {
    this.#port = config.port;
  }

  get name(): string {
    return this.config.name;
  }

  /** The bound port (differs from the config when it asked for port 0). */
  get port(): number {
    return this.#port;
  }

  /** Whether this adapter reports the account's own messages (httpSseServers have the setting). */
  protected get reportSelfMessage(): boolean {
    return 'reportSelfMessage' in this.config ? this.config.reportSelfMessage : false;
  }

  async start(): Promise<void> {
    this.#state = 'starting';
    const { config } = this;
    try {
      const app = await buildHttpApi(this.gateway, {
        selfId: this.selfId,
        token: config.token,
        enableCors: config.enableCors,
        messageFormat: config.messagePostFormat,
        dialect: config.dialect,
        adapterName: config.name,
        transport: this.kind === 'httpServers' ? 'http' : 'http-sse',
        streamPackets: this.streamPackets(),
      });
      await this.extend(app);
      if (config.enableWebsocket) {
        this.#endpoint = new WsEndpoint(this.gateway, {
          selfId: this.selfId,
          token: config.token,
          format: config.messagePostFormat,
          reportSelfMessage: this.reportSelfMessage,
          debug: config.debug,
          dialect: config.dialect,
          heartIntervalMs: embeddedHeartIntervalMs,
          transport: 'http-ws',
          adapterName: config.name,
        });
        app.server.on('upgrade', this.#endpoint.handleUpgrade);
      }
      this.app = app;
      this.#port = await listenOn(app, config.host, config.port, `${this.kind} "${this.name}" of account ${this.selfId}`);
      this.#state = 'listening';
    } catch (error) {
      this.#state = 'error';
      this.#error = (error as Error).message;
      await this.#endpoint?.close();
      this.#endpoint = undefined;
      await this.app?.close().catch(() => undefined);
      this.app = undefined;
      throw error;
    }
  }

  /** Hook for subclasses (SSE) to add routes before listening. */
  protected async extend(_app: FastifyInstance): Promise<void> {}

  /** Hook for subclasses: where stream actions' packets go (undefined: into the call's response). */
  protected streamPackets(): ((envelope: Readonly<Record<string, unknown>>) => Promise<void>) | undefined {
    return undefined;
  }

  /** Hook for subclasses: release what `extend` started, before the server closes. */
  protected async release(): Promise<void> {}

  /** Connected clients besides plain HTTP requests (WebSockets, event streams). */
  protected clientCount(): number {
    return this.#endpoint?.clients ?? 0;
  }

  /** Those clients, for the console. */
  protected clientConnections(): ClientConnection[] {
    return this.#endpoint?.connections ?? [];
  }

  /** The most bytes any connected client has waiting (subclasses add their streams). */
  protected pendingBytes(): number {
    return this.#endpoint?.maxPendingBytes ?? 0;
  }

  async drop(options: { stall: boolean }): Promise<number> {
    return (await this.#endpoint?.drop(options.stall)) ?? 0;
  }

  backlog(): AdapterBacklog {
    return { maxPendingBytes: this.pendingBytes() };
  }

  async stop(): Promise<void> {
    const app = this.app;
    const endpoint = this.#endpoint;
    this.app = undefined;
    this.#endpoint = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    await endpoint?.close();
    await this.release();
    // In-flight requests finish, but a connection a fault left hanging (no_reply) must not hold
    // the stop forever: after a grace period every connection left is cut.
    if (app) await closeWithinGrace(app);
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      endpoint: `http://${this.config.host}:${this.#port}`,
      clients: this.clientCount(),
      connections: this.clientConnections(),
      ...(this.#error ? { error: this.#error } : {}),
    };
  }
}
