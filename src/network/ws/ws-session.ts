import { WebSocket, type RawData } from 'ws';
import type { Dialect, MessageFormat } from '../../onebot/action.js';
import { failed, type Envelope } from '../../onebot/envelope.js';
import { envelopeInDialect, eventSocketTakesCalls } from '../../onebot/dialect.js';
import { protocolErrors } from '../../onebot/error-catalogue.js';
import { heartbeatEvent, heartbeatStatus, lifecycleEvent } from '../../onebot/events/meta-events.js';
import { nowSeconds } from '../../util/clock.js';
import { Disposables } from '../../util/disposables.js';
import { TickCork } from '../../util/tick-cork.js';
import type { Logger } from '../../util/logger.js';
import type { OneBotGateway } from '../adapter.js';
import { subscribeEvents } from '../event-feed.js';
import { transportLimits } from '../limits.js';
import type { ClientLabel, DisconnectReason } from '../transport-observer.js';

/** What a socket is for: OneBot's `/api` (calls only), `/event` (events only) or both. */
export type WsRole = 'universal' | 'api' | 'event';

export interface WsSessionOptions {
  readonly selfId: number;
  readonly role: WsRole;
  readonly format: MessageFormat;
  readonly reportSelfMessage: boolean;
  readonly debug: boolean;
  /** The adapter's dialect: calls run and events are written in it. */
  readonly dialect: Dialect;
  /** Heartbeat period in ms; 0 or less sends none. */
  readonly heartIntervalMs: number;
  /** For call records and logs: "ws", "ws-reverse", "http-ws". */
  readonly transport: string;
  readonly adapterName: string;
}

/** Close code 1013 "try again later": the client fell too far behind. */
export const closeTooSlow = 1013;

/**
 * One OneBot WebSocket connection, whichever side opened it: a forward server socket, a socket
 * on an HTTP server's port, or a reverse client connection. It answers action frames (echo kept
 * as sent, any JSON type), pushes the account's events after a lifecycle `connect` first frame,
 * sends heartbeats, and guards the process against slow and dead peers (see `limits.ts`).
 */
export class WsSession {
  readonly #disposables = new Disposables();
  readonly #limits;
  readonly #logger: Logger;
  #awaitingPong = false;
  #closed = false;
  /** Why the socket went, for metrics; the peer unless Catnap decided. */
  #reason: DisconnectReason = 'peer';
  readonly #label: ClientLabel;
  readonly #closedPromise: Promise<void>;
  /** Aborted when the socket goes: calls held by a fault stop waiting. */
  readonly #gone = new AbortController();
  /** Stalled by connection chaos: no pongs, heartbeats, events or answers until the peer gives up. */
  #stalled = false;
  #resolveClosed!: () => void;
  /** The `disconnect` fault's effect, made once rather than for every call frame. */
  readonly #disconnect = (): void => void this.close(1000, 'closed by a Catnap fault');
  /** This turn's frames go out in one write. */
  readonly #cork: TickCork;

  constructor(
    private readonly ws: WebSocket,
    private readonly gateway: OneBotGateway,
    readonly options: WsSessionOptions,
  ) {
    this.#limits = transportLimits(gateway.limits);
    this.#logger = gateway.logger.child({ adapter: options.adapterName, selfId: options.selfId, transport: options.transport });
    this.#closedPromise = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#label = { selfId: options.selfId, transport: options.transport, adapter: options.adapterName };
    this.#cork = new TickCork(ws);
  }

  /** Bytes written to the socket that have not gone out yet. */
  get pendingBytes(): number {
    return this.ws.bufferedAmount;
  }

  /** Resolves once the socket has closed and everything the session started is released. */
  get closed(): Promise<void> {
    return this.#closedPromise;
  }

  /** Starts serving: call once the socket is open. */
  start(): void {
    const { ws, options } = this;
    ws.on('message', (data, isBinary) => {
      this.#onFrame(data, isBinary).catch((error: unknown) => this.#logger.error({ err: error }, 'WebSocket frame failed'));
    });
    ws.on('pong', () => (this.#awaitingPong = false));
    // Pongs are sent here rather than by ws itself (autoPong off), so a stalled session can stop.
    ws.on('ping', (data) => {
      if (!this.#stalled && ws.readyState === WebSocket.OPEN) ws.pong(data);
    });
    ws.on('error', (error) => this.#logger.debug({ err: error }, 'WebSocket error'));
    ws.on('close', () => void this.#release());
    this.gateway.observer?.clientConnected?.(this.#label);

    if (options.role !== 'api') {
      // The lifecycle event must be the first frame: NoneBot learns self_id from it.
      this.#send(JSON.stringify(lifecycleEvent(options.selfId, 'connect', nowSeconds(this.gateway.clock))));
      this.#disposables.add(
        subscribeEvents(this.gateway.events, options.selfId, options, (json) => this.#send(json), {
          observer: this.gateway.observer,
          client: this.#label,
        }),
      );
      if (options.heartIntervalMs > 0) {
        const timer = setInterval(() => {
          this.#heartbeat().catch((error: unknown) => this.#logger.warn({ err: error }, 'heartbeat failed'));
        }, options.heartIntervalMs);
        this.#disposables.add(() => clearInterval(timer));
      }
    }
    if (this.#limits.pingIntervalMs > 0) {
      const timer = setInterval(() => this.#ping(), this.#limits.pingIntervalMs);
      this.#disposables.add(() => clearInterval(timer));
    }
  }

  /** Stops answering anything (pings included) while keeping the socket open: a frozen NapCat. */
  stall(): void {
    this.#stalled = true;
  }

  /** Cuts the connection without a closing handshake, as a dying NapCat or a broken network does. */
  async terminate(): Promise<void> {
    if (!this.#closed && this.#reason === 'peer') this.#reason = 'server';
    this.ws.terminate();
    await this.#release();
  }

  /** Closes the socket (idempotent) and waits until it is released. */
  async close(code = 1000, reason = ''): Promise<void> {
    if (!this.#closed && this.#reason === 'peer') this.#reason = 'server';
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    await this.#release();
  }

  async #release(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#gone.abort();
      this.gateway.observer?.clientDisconnected?.(this.#label, this.#reason);
      await this.#disposables.dispose();
      if (this.ws.readyState !== WebSocket.CLOSED) {
        // A peer that never answers the close handshake is cut off rather than waited for.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.ws.terminate();
            resolve();
          }, 1000);
          this.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      this.#resolveClosed();
    }
    return this.#closedPromise;
  }

  #send(json: string): void {
    const { ws } = this;
    if (this.#closed || this.#stalled || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > this.#limits.maxPendingBytes) {
      this.#logger.warn(
        { pendingBytes: ws.bufferedAmount, limit: this.#limits.maxPendingBytes },
        'WebSocket client is not reading; closing it with 1013 (too much pending data)',
      );
      this.#reason = 'too_slow';
      void this.close(closeTooSlow, 'client too slow: too much pending data');
      return;
    }
    this.#cork.hold();
    ws.send(json);
  }

  async #onFrame(data: RawData, isBinary: boolean): Promise<void> {
    // An events-only socket (/event) takes no calls, except in NapCat's dialect (see dialect.ts).
    if (this.options.role === 'event' && !eventSocketTakesCalls(this.options.dialect)) return;
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      this.#logger.debug({ isBinary }, 'frame is not JSON');
      this.#refuse(failed(protocolErrors.BAD_PARAMS.retcode, 'the frame is not valid JSON', null));
      return;
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.#refuse(failed(protocolErrors.BAD_PARAMS.retcode, 'a frame must be a JSON object {"action", "params", "echo"}', null));
      return;
    }
    const { action, params, echo } = frame as { action?: unknown; params?: unknown; echo?: unknown };
    if (typeof action !== 'string' || action === '') {
      const returned = this.gateway.dispatcher.echoOf(echo);
      this.#refuse(failed(protocolErrors.BAD_PARAMS.retcode, 'the frame has no "action" string', returned));
      return;
    }
    const envelope = await this.gateway.dispatcher.dispatch(this.options.selfId, action, params ?? {}, {
      transport: this.options.transport,
      messageFormat: this.options.format,
      dialect: this.options.dialect,
      adapter: this.options.adapterName,
      echo,
      signal: this.#gone.signal,
      disconnect: this.#disconnect,
      stream: async (packet) => this.#send(JSON.stringify(packet)),
    });
    // A call a fault held (no_reply) that Catnap's stop let go has no answer: its stand-in is not
    // sent as one. A hung NapCat that is shut down just closes the socket, as the stop does here.
    if (this.gateway.dispatcher.wasCutShort(envelope)) return void this.close(1001, 'server stopping');
    this.#send(JSON.stringify(envelope));
  }

  /** Answers a frame that is no call, in the adapter's dialect (NapCat marks it `normal-action`). */
  #refuse(envelope: Envelope): void {
    this.#send(JSON.stringify(envelopeInDialect(envelope, this.options.dialect)));
  }

  async #heartbeat(): Promise<void> {
    const status = await heartbeatStatus(this.gateway.dispatcher.services.world, this.options.selfId);
    this.#send(JSON.stringify(heartbeatEvent(this.options.selfId, status, this.options.heartIntervalMs, nowSeconds(this.gateway.clock))));
  }

  /** A peer that did not answer the previous ping is gone (half-open TCP, a frozen process): cut it off. */
  #ping(): void {
    if (this.#closed || this.#stalled || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.#awaitingPong) {
      this.#logger.warn('WebSocket peer did not answer a ping; terminating the connection');
      this.#reason = 'no_pong';
      this.ws.terminate();
      return;
    }
    this.#awaitingPong = true;
    this.ws.ping();
  }
}
