import { botOfflineEvent, type OutboundMilkyEvent } from '../../milky/events/milky-event.js';
import { eventGoesOut } from '../../world/faults/run-under-fault.js';
import { nowSeconds } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { AdapterStatus, NetworkAdapter } from '../adapter.js';
import { transportLimits } from '../limits.js';
import { PostQueue } from '../post-queue.js';
import { subscribeMilkyEvents, type MilkyGateway } from './milky-gateway.js';
import { redactSecrets } from '../../util/redact.js';

/** How long one WebHook POST may take. */
const postTimeoutMs = 10_000;
/** How long a stopping WebHook waits to deliver its bot_offline. */
const farewellMs = 2_000;

/**
 * Milky's WebHook push: every event the account observes is POSTed as JSON to the URL, with
 * `Authorization: Bearer <accessToken>` when one is set. Events go out in order through a
 * bounded queue (see `post-queue.ts`), so a slow or dead receiver drops the oldest events
 * instead of growing Catnap's memory. When it stops, the receiver gets `bot_offline`.
 */
export class MilkyWebhook implements NetworkAdapter {
  readonly kind = 'milkyWebhook';
  readonly #logger: Logger;
  readonly #queue: PostQueue<OutboundMilkyEvent>;
  #unsubscribe: (() => void) | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #failed = 0;

  constructor(
    readonly selfId: number,
    readonly url: string,
    private readonly options: { accessToken: string; reportSelfMessage: boolean },
    private readonly gateway: MilkyGateway,
  ) {
    this.#logger = gateway.logger.child({ adapter: 'milky-webhook', selfId, url });
    this.#queue = new PostQueue(transportLimits(gateway.limits), this.#logger, (event, controller) => this.#post(event, controller), url);
  }

  get name(): string {
    return this.url;
  }

  /** POSTs that failed (refused, timed out, or answered with an error status). */
  get failed(): number {
    return this.#failed;
  }

  async start(): Promise<void> {
    const protocol = URL.canParse(this.url) ? new URL(this.url).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:') {
      this.#state = 'error';
      this.#error = `webhook URL must start with http:// or https://, got ${this.url}`;
      throw new Error(this.#error);
    }
    this.#unsubscribe = subscribeMilkyEvents(this.gateway, this.selfId, this.options.reportSelfMessage, (event) => this.#queue.push(event));
    this.#state = 'connected';
  }

  async stop(reason = 'the Milky WebHook of this account stopped'): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#state === 'connected') {
      this.#queue.push(botOfflineEvent(this.selfId, nowSeconds(this.gateway.clock), reason));
      await Promise.race([this.#queue.whenIdle(), new Promise((resolve) => setTimeout(resolve, farewellMs).unref())]);
    }
    if (this.#state !== 'error') this.#state = 'stopped';
    await this.#queue.stop();
  }

  /** Resolves when no event is queued or being posted (tests). */
  whenIdle(): Promise<void> {
    return this.#queue.whenIdle();
  }

  status(): AdapterStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      // Shown in the banner and the console: a token in the URL stays out of sight.
      endpoint: redactSecrets(this.url),
      clients: 0,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  async #post(event: OutboundMilkyEvent, controller: AbortController): Promise<void> {
    // Fault rules on events (docs/faults.md), as on OneBot's HTTP POST: the POST is late, or never arrives.
    const verdict = this.gateway.dispatcher.faults.checkEvent(this.selfId, event.event.event_type);
    if (verdict && !(await eventGoesOut(verdict.effect, controller.signal))) {
      this.#failed += 1;
      this.#error = `event POST failed: ${verdict.reason}`;
      this.#logger.info({ effect: verdict.effect.type }, `Milky WebHook POST dropped by ${verdict.reason}`);
      return;
    }
    const json = event.json;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Catnap Milky/1.2' };
    if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    const timer = setTimeout(() => controller.abort(), postTimeoutMs);
    try {
      const response = await fetch(this.url, { method: 'POST', headers, body: json, signal: controller.signal });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
      this.#error = undefined;
    } catch (error) {
      this.#failed += 1;
      this.#error = controller.signal.aborted ? `no answer within ${postTimeoutMs} ms` : (error as Error).message;
      this.#logger.warn({ err: error }, `Milky WebHook POST failed: ${this.#error}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
