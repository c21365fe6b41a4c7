import { KeyedSinks } from '../../util/keyed-sinks.js';
import type { Logger } from '../../util/logger.js';
import type { PublicUrls } from '../../util/public-urls.js';
import type { DomainEvent } from '../../world/events.js';
import type { World } from '../../world/world.js';
import { MessageViews } from '../message/message-view.js';
import { buildMilkyEvents, hasMilkyEvents } from './builders.js';
import { OutboundMilkyEvent } from './milky-event.js';

export type MilkyEventSink = (event: OutboundMilkyEvent) => void;

/**
 * Turns the world's domain events into Milky events for every account that observes them and has
 * a Milky subscriber (a connected client, a WebHook). Events are handled strictly in the order the
 * world emitted them; each is built once per receiving account and serialised once, whatever the
 * number of its clients. Accounts nobody listens for cost nothing.
 */
export class MilkyEventHub {
  readonly #sinks = new KeyedSinks<OutboundMilkyEvent>();
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly world: World,
    private readonly urls: PublicUrls,
    private readonly logger: Logger,
  ) {}

  /** Starts listening to the world; returns the disposer. */
  start(): () => void {
    this.#unsubscribe ??= this.world.events.on((event) => this.#enqueue(event));
    return () => this.stop();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Receives every Milky event `selfId` observes; returns the unsubscriber. */
  subscribe(selfId: number, sink: MilkyEventSink): () => void {
    return this.#sinks.add(selfId, sink);
  }

  /** Resolves once every event emitted so far has been delivered (tests). */
  flush(): Promise<void> {
    return this.#chain;
  }

  #enqueue(event: DomainEvent): void {
    if (this.#sinks.size === 0 || !hasMilkyEvents(event.type)) return;
    this.#chain = this.#chain
      .then(() => this.#deliver(event))
      .catch((error: unknown) => this.logger.error({ err: error, event: event.type }, 'Milky event delivery failed'));
  }

  async #deliver(event: DomainEvent): Promise<void> {
    const time = event.time;
    for (const selfId of this.#sinks.among(event.audience)) {
      const views = new MessageViews({ world: this.world, urls: this.urls }, selfId);
      const own = event.type === 'message.created' && event.message.senderId === selfId;
      for (const body of await buildMilkyEvents(event, { selfId, views })) {
        const outbound = OutboundMilkyEvent.of(selfId, time, body, own && body.event_type === 'message_receive');
        for (const sink of this.#sinks.of(selfId)) {
          try {
            sink(outbound);
          } catch (error) {
            this.logger.warn({ err: error, selfId }, 'Milky event subscriber failed');
          }
        }
      }
    }
  }
}
