import type { FastifyInstance } from 'fastify';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from './adapter.js';
import { buildHttpApi } from './http-api.js';
import { listenOn } from './listen.js';
import type { HttpServerConfig } from './onebot-config.js';

/** NapCat `httpServers[]`: the OneBot HTTP API of one account on its own port. */
export class HttpServerAdapter implements NetworkAdapter {
  readonly kind: string = 'httpServers';
  protected app: FastifyInstance | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #port: number;

  constructor(
    readonly selfId: number,
    readonly config: HttpServerConfig,
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

  async start(): Promise<void> {
    this.#state = 'starting';
    try {
      const app = await buildHttpApi(this.gateway, {
        selfId: this.selfId,
        token: this.config.token,
        enableCors: this.config.enableCors,
        messageFormat: this.config.messagePostFormat,
        adapterName: this.config.name,
        transport: this.kind === 'httpServers' ? 'http' : 'http-sse',
      });
      await this.extend(app);
      this.app = app;
      this.#port = await listenOn(app, this.config.host, this.config.port, `${this.kind} "${this.name}" of account ${this.selfId}`);
      this.#state = 'listening';
    } catch (error) {
      this.#state = 'error';
      this.#error = (error as Error).message;
      await this.app?.close().catch(() => undefined);
      this.app = undefined;
      throw error;
    }
  }

  /** Hook for subclasses (SSE, embedded WebSocket) to add routes before listening. */
  protected async extend(_app: FastifyInstance): Promise<void> {}

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    await app?.close();
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      endpoint: `http://${this.config.host}:${this.#port}`,
      clients: 0,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }
}
