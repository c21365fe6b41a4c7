import { createHmac } from 'node:crypto';
import type { OutboundEvent } from '../onebot/events/outbound-event.js';
import { applyQuickOperation, quickOperationValidator, type QuickContext } from '../onebot/quick-operation.js';
import type { Logger } from '../util/logger.js';
import { eventGoesOut } from '../world/faults/run-under-fault.js';
import { redactSecrets } from '../util/redact.js';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from './adapter.js';
import { subscribeEvents } from './event-feed.js';
import { transportLimits, type TransportLimits } from './limits.js';
import type { HttpClientConfig } from './onebot-config.js';
import { PostQueue } from './post-queue.js';
import type { AdapterBacklog, ClientLabel } from './transport-observer.js';

interface Pending {
  readonly json: string;
  readonly event: OutboundEvent;
}

/** `X-Signature` of OneBot 11: HMAC-SHA1 of the exact body, keyed with the token. */
export function signBody(token: string, body: string): string {
  return `sha1=${createHmac('sha1', token).update(body).digest('hex')}`;
}

/**
 * NapCat `httpClients[]` (OneBot "HTTP POST"): POSTs each event to `url` with `X-Self-ID` and,
 * when a token is set, `X-Signature`. The reply may carry a quick operation (a JSON object);
 * 204, an empty body, 404 (Koishi's answer) or a body that is not JSON means none. Each request
 * is bounded by `timeout`; the queue in front of them is bounded too (see `limits.ts`).
 */
export class HttpClientAdapter implements NetworkAdapter {
  readonly kind = 'httpClients';
  readonly #logger: Logger;
  readonly #limits: TransportLimits;
  readonly #queue: PostQueue<Pending>;
  #unsubscribe: (() => void) | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #failed = 0;
  readonly #label: ClientLabel;

  constructor(
    readonly selfId: number,
    readonly config: HttpClientConfig,
    private readonly gateway: OneBotGateway,
  ) {
    this.#logger = gateway.logger.child({ adapter: config.name, selfId, transport: 'http-post' });
    this.#limits = transportLimits(gateway.limits);
    this.#label = { selfId, transport: 'http-post', adapter: config.name };
    this.#queue = new PostQueue(
      this.#limits,
      this.#logger,
      (pending, controller) => this.#post(pending, controller),
      config.url,
      (count) => this.gateway.observer?.eventsDropped?.(this.#label, count),
    );
  }

  get name(): string {
    return this.config.name;
  }

  /** Events dropped because the receiver fell too far behind. */
  get dropped(): number {
    return this.#queue.dropped;
  }

  async start(): Promise<void> {
    try {
      const url = new URL(this.config.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(`the url must start with http:// or https://, got ${redactSecrets(this.config.url)}`);
    } catch (error) {
      this.#state = 'error';
      this.#error = `httpClients "${this.name}": ${(error as Error).message}`;
      throw new Error(this.#error, { cause: error });
    }
    const { config } = this;
    this.#unsubscribe = subscribeEvents(
      this.gateway.events,
      this.selfId,
      { format: config.messagePostFormat, reportSelfMessage: config.reportSelfMessage, debug: config.debug, dialect: config.dialect },
      (json, event) => this.#queue.push({ json, event }),
      { observer: this.gateway.observer, client: this.#label },
    );
    this.#state = 'connected';
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    await this.#queue.stop();
  }

  /** Events whose POST failed (no answer in time, connection refused, ...). */
  get failed(): number {
    return this.#failed;
  }

  /** Resolves when no event is queued or being posted. */
  whenIdle(): Promise<void> {
    return this.#queue.whenIdle();
  }

  backlog(): AdapterBacklog {
    return { queuedEvents: this.#queue.backlog };
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      // Shown in the banner, the console and get_status: a token in the URL stays out of sight.
      endpoint: redactSecrets(this.config.url),
      clients: 0,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  async #post({ json, event }: Pending, controller: AbortController): Promise<void> {
    const { config } = this;
    // Fault rules on events (docs/faults.md): the POST is late, or never arrives.
    // The name is built from the napcat/array event, which this target may not use: only when a rule is about events.
    const verdict = this.gateway.dispatcher.faults?.checkEvent(this.selfId, () => eventNameOf(event), 'http-post');
    if (verdict && !(await eventGoesOut(verdict.effect, controller.signal))) {
      this.#failed += 1;
      this.gateway.observer?.postFailed?.(this.#label);
      this.#error = `event POST failed: ${verdict.reason}`;
      this.#logger.info({ url: config.url, effect: verdict.effect.type }, `event POST dropped by ${verdict.reason}`);
      return;
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-self-id': String(this.selfId),
      'user-agent': 'Catnap OneBot/11',
    };
    if (config.token) headers['x-signature'] = signBody(config.token, json);
    const timer = config.timeout > 0 ? setTimeout(() => controller.abort(), config.timeout) : undefined;
    let operation: unknown;
    try {
      const response = await fetch(config.url, { method: 'POST', headers, body: json, signal: controller.signal });
      const body = await readLimited(response, this.#limits.postReplyLimit);
      this.#error = undefined;
      if (response.status === 204 || response.status === 404 || body === undefined || body.trim() === '') return;
      if (!response.ok) {
        this.#logger.warn({ status: response.status, url: config.url }, 'HTTP POST receiver answered an error status');
        return;
      }
      try {
        operation = JSON.parse(body);
      } catch {
        return;
      }
    } catch (error) {
      this.#failed += 1;
      this.gateway.observer?.postFailed?.(this.#label);
      this.#error = controller.signal.aborted ? `no answer within ${config.timeout} ms` : (error as Error).message;
      this.#logger.warn({ url: config.url, err: error }, `event POST failed: ${this.#error}`);
      return;
    } finally {
      clearTimeout(timer);
    }
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation) || Object.keys(operation).length === 0) return;
    await this.#quickOperation(event, operation);
  }

  async #quickOperation(event: OutboundEvent, body: object): Promise<void> {
    const format = this.config.messagePostFormat;
    try {
      const operation = quickOperationValidator.parse(body);
      const { dialect } = this.config;
      const context = event.object(format, dialect) as unknown as QuickContext;
      const meta = { transport: 'http-post', messageFormat: format, adapter: this.config.name, dialect };
      await applyQuickOperation((action, params) => this.gateway.dispatcher.run(this.selfId, action, params, meta), context, operation);
    } catch (error) {
      this.#logger.warn(
        { err: error, post_type: event.postType },
        `quick operation from the HTTP POST reply failed: ${(error as Error).message}`,
      );
    }
  }
}

/** An event's name for fault rules: "<post_type>.<message_type|notice_type|request_type|meta_event_type>". */
function eventNameOf(event: OutboundEvent): string {
  const object = event.object('array', 'napcat') as unknown as Record<string, unknown>;
  const detail = object.message_type ?? object.notice_type ?? object.request_type ?? object.meta_event_type;
  return typeof detail === 'string' ? `${event.postType}.${detail}` : event.postType;
}

/** Reads a response body up to `limit` bytes; undefined when it is larger (the rest is discarded). */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
