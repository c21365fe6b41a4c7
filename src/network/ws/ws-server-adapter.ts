import { createServer, type Server } from 'node:http';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from '../adapter.js';
import { defaultRequestTimeoutMs, requestTimeoutOptions } from '../../util/http-timeouts.js';
import type { AdapterBacklog } from '../transport-observer.js';
import { listenServer } from '../listen.js';
import type { WebsocketServerConfig } from '../onebot-config.js';
import { WsEndpoint } from './ws-endpoint.js';

/**
 * NapCat `websocketServers[]`: a forward WebSocket server of one account. Paths `/api`, `/event`
 * and `/` (see `roleOfPath`); a plain HTTP request gets 426 with a note to upgrade.
 */
export class WebsocketServerAdapter implements NetworkAdapter {
  readonly kind = 'websocketServers';
  #server: Server | undefined;
  #endpoint: WsEndpoint | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #port: number;

  constructor(
    readonly selfId: number,
    readonly config: WebsocketServerConfig,
    private readonly gateway: OneBotGateway,
  ) {
    this.#port = config.port;
  }

  get name(): string {
    return this.config.name;
  }

  get port(): number {
    return this.#port;
  }

  async start(): Promise<void> {
    this.#state = 'starting';
    const { config } = this;
    const endpoint = new WsEndpoint(this.gateway, {
      selfId: this.selfId,
      token: config.token,
      format: config.messagePostFormat,
      reportSelfMessage: config.reportSelfMessage,
      debug: config.debug,
      dialect: config.dialect,
      heartIntervalMs: config.heartInterval,
      transport: 'ws',
      adapterName: config.name,
    });
    const server = createServer(requestTimeoutOptions(this.gateway.requestTimeoutMs ?? defaultRequestTimeoutMs), (_request, response) => {
      response.writeHead(426, { 'content-type': 'application/json; charset=utf-8', upgrade: 'websocket' });
      response.end(JSON.stringify({ message: 'this is a OneBot WebSocket server: connect with a WebSocket client' }));
    });
    server.on('upgrade', endpoint.handleUpgrade);
    try {
      this.#port = await listenServer(server, config.host, config.port, `websocketServers "${config.name}" of account ${this.selfId}`);
    } catch (error) {
      this.#state = 'error';
      this.#error = (error as Error).message;
      await endpoint.close();
      throw error;
    }
    this.#server = server;
    this.#endpoint = endpoint;
    this.#state = 'listening';
  }

  async stop(): Promise<void> {
    const server = this.#server;
    const endpoint = this.#endpoint;
    this.#server = undefined;
    this.#endpoint = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    await endpoint?.close();
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  async drop(options: { stall: boolean }): Promise<number> {
    return (await this.#endpoint?.drop(options.stall)) ?? 0;
  }

  backlog(): AdapterBacklog {
    return { maxPendingBytes: this.#endpoint?.maxPendingBytes ?? 0 };
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      endpoint: `ws://${this.config.host}:${this.#port}`,
      clients: this.#endpoint?.clients ?? 0,
      connections: this.#endpoint?.connections ?? [],
      ...(this.#error ? { error: this.#error } : {}),
    };
  }
}
