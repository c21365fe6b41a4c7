import { KeyedSinks } from '../../util/keyed-sinks.js';
import type { Logger } from '../../util/logger.js';
import type { DomainEvent } from '../../world/events.js';
import type { World } from '../../world/world.js';
import { OutboundEvent } from './outbound-event.js';
import type { Dialect } from '../action.js';
import { dialectNames } from '../dialect.js';
import type { AnyEventBuilder, BuildContext, EventHubContext } from './types.js';

export type EventSink = (event: OutboundEvent) => void;

/**
 * Turns the world's domain events into OneBot events for every account that observes them and
 * has at least one subscriber (a connected client, the console). Events are processed strictly in
 * the order the world emitted them; each is prepared once, built once per receiving account and
 * format, serialised once per format, and handed to every subscriber of that account.
 */
export class EventHub {
  readonly #builders = new Map<string, AnyEventBuilder[]>();
  readonly #sinks = new KeyedSinks<OutboundEvent>();
  readonly #anySinks = new Set<EventSink>();
  /** One build context per dialect, made once. */
  readonly #contexts: ReadonlyMap<Dialect, BuildContext>;
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly world: World,
    ctx: EventHubContext,
    private readonly logger: Logger,
    builders: readonly AnyEventBuilder[] = [],
  ) {
    this.#contexts = new Map(dialectNames.map((dialect) => [dialect, { ...ctx, dialect }]));
    for (const builder of builders) this.register(builder);
  }

  register(builder: AnyEventBuilder): void {
    const list = this.#builders.get(builder.type) ?? [];
    list.push(builder);
    this.#builders.set(builder.type, list);
  }

  /** Starts listening to the world; returns the disposer. */
  start(): () => void {
    this.#unsubscribe ??= this.world.events.on((event) => this.#enqueue(event));
    return () => this.stop();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Receives every event `selfId` observes; returns the unsubscriber. */
  subscribe(selfId: number, sink: EventSink): () => void {
    return this.#sinks.add(selfId, sink);
  }

  /** Receives every account's events (the console's live log). */
  subscribeAll(sink: EventSink): () => void {
    this.#anySinks.add(sink);
    return () => this.#anySinks.delete(sink);
  }

  /** Resolves once every event emitted so far has been delivered (tests). */
  flush(): Promise<void> {
    return this.#chain;
  }

  #enqueue(event: DomainEvent): void {
    const builders = this.#builders.get(event.type);
    if (!builders || (this.#sinks.size === 0 && this.#anySinks.size === 0)) return;
    this.#chain = this.#chain
      .then(() => this.#deliver(event, builders))
      .catch((error: unknown) => {
        this.logger.error({ err: error, event: event.type }, 'event delivery failed');
      });
  }

  async #deliver(event: DomainEvent, builders: AnyEventBuilder[]): Promise<void> {
    const receivers = this.#anySinks.size > 0 ? event.audience : this.#sinks.among(event.audience);
    if (receivers.length === 0) return;
    for (const builder of builders) {
      let prepared = builder.prepare?.(event, this.world);
      if (prepared instanceof Promise) prepared = await prepared;
      const raw = builder.raw?.(event);
      for (const selfId of receivers) {
        // Built lazily per format and dialect; a probe build (array, NapCat) tells how many events
        // there are and their post types, which no dialect changes.
        const probe = builder.build(event, prepared, selfId, 'array', this.#contexts.get('napcat')!);
        probe.forEach((first, index) => {
          const build = (format: 'array' | 'string', dialect: Dialect) => {
            if (format === 'array' && dialect === 'napcat') return first;
            const built = builder.build(event, prepared, selfId, format, this.#contexts.get(dialect)!)[index];
            if (!built) throw new Error(`the ${event.type} builder made fewer events in the ${dialect} dialect`);
            return built;
          };
          const reportedIn = builder.reportedIn && ((dialect: Dialect) => builder.reportedIn!(event, dialect, selfId));
          const outbound = new OutboundEvent(selfId, first.post_type, build, raw, reportedIn);
          for (const sink of this.#sinks.of(selfId)) this.#safely(sink, outbound);
          for (const sink of this.#anySinks) this.#safely(sink, outbound);
        });
      }
    }
  }

  #safely(sink: EventSink, event: OutboundEvent): void {
    try {
      sink(event);
    } catch (error) {
      this.logger.warn({ err: error, selfId: event.selfId }, 'event subscriber failed');
    }
  }
}
