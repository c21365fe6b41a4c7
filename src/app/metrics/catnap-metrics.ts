import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { NetworkManager } from '../../network/network-manager.js';
import type { ClientLabel, TransportObserver } from '../../network/transport-observer.js';
import type { Dispatcher } from '../../onebot/dispatcher.js';
import type { DomainEvent } from '../../world/events.js';
import type { World } from '../../world/world.js';
import { processRegistry } from './process-metrics.js';
import { Tally } from './tally.js';

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Catnap's Prometheus metrics, in a registry of its own (tests run many Catnaps in one
 * process). Nothing in the world, OneBot or network code counts anything: this class listens at
 * the boundaries they already have — the dispatcher's finished calls, the world's domain events,
 * the transports' observer, the store (see `timeStoreWrites`) — and reads queue depths and
 * client counts when scraped.
 */
export class CatnapMetrics {
  readonly registry = new Registry();
  readonly #stops: (() => void)[] = [];

  // Hot counters (every call, every event to every client) count in tallies, handed over at each read.
  readonly #calls = new Tally(['action', 'retcode', 'transport'] as const);
  readonly #sent = new Tally(['transport', 'type'] as const);
  readonly #worldEvents = new Tally(['type'] as const);
  readonly #stored = new Tally(['chat'] as const);

  readonly actions = new Counter({
    name: 'catnap_actions_total',
    help: 'OneBot action calls by action, retcode and transport (unknown actions are "(unknown)")',
    labelNames: ['action', 'retcode', 'transport'],
    registers: [this.registry],
    collect: handedFrom(this.#calls),
  });
  readonly actionSeconds = new Histogram({
    name: 'catnap_action_duration_seconds',
    help: 'Time from receiving a OneBot call to its reply, by action',
    labelNames: ['action'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly worldEvents = new Counter({
    name: 'catnap_world_events_total',
    help: 'Changes in the world (domain events) by type',
    labelNames: ['type'],
    registers: [this.registry],
    collect: handedFrom(this.#worldEvents),
  });
  readonly eventsSent = new Counter({
    name: 'catnap_onebot_events_sent_total',
    help: 'OneBot events written to clients (or queued for HTTP POST), by transport and event type',
    labelNames: ['transport', 'type'],
    registers: [this.registry],
    collect: handedFrom(this.#sent),
  });
  readonly connects = new Counter({
    name: 'catnap_client_connects_total',
    help: 'Clients that connected (WebSockets, event streams), by account, transport and adapter',
    labelNames: ['self_id', 'transport', 'adapter'],
    registers: [this.registry],
  });
  readonly disconnects = new Counter({
    name: 'catnap_client_disconnects_total',
    help: 'Clients that went away, by reason: peer (closed it), too_slow, no_pong, server (Catnap closed it)',
    labelNames: ['self_id', 'transport', 'adapter', 'reason'],
    registers: [this.registry],
  });
  readonly dropped = new Counter({
    name: 'catnap_events_dropped_total',
    help: 'Events an HTTP POST receiver never got because its queue was full',
    labelNames: ['self_id', 'adapter'],
    registers: [this.registry],
  });
  readonly postFailures = new Counter({
    name: 'catnap_http_post_failures_total',
    help: 'Event POSTs that failed (refused, timed out)',
    labelNames: ['self_id', 'adapter'],
    registers: [this.registry],
  });
  readonly storeWrites = new Histogram({
    name: 'catnap_store_write_duration_seconds',
    help: 'Time of a write through the world store (until committed), by repository.method',
    labelNames: ['operation'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly storeWriteFailures = new Counter({
    name: 'catnap_store_write_failures_total',
    help: 'Writes through the world store that failed (the world refused or SQLite failed)',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly messagesStored = new Counter({
    name: 'catnap_messages_stored_total',
    help: 'Messages stored, by chat type (group, private)',
    labelNames: ['chat'],
    registers: [this.registry],
    collect: handedFrom(this.#stored),
  });

  // Hot histograms reuse each label set's child metric rather than building it on every update.
  readonly #callSeconds = children((action: string) => this.actionSeconds.labels(action));
  readonly #writeSeconds = children((operation: string) => this.storeWrites.labels(operation));

  /** What transports report; handed to the network gateway. */
  readonly observer: TransportObserver = {
    eventSent: (client, type) => this.#sent.add(client.transport, type),
    clientConnected: (client) => this.connects.inc(clientLabels(client)),
    clientDisconnected: (client, reason) => this.disconnects.inc({ ...clientLabels(client), reason }),
    eventsDropped: (client, count) => this.dropped.inc({ self_id: String(client.selfId), adapter: client.adapter }, count),
    postFailed: (client) => this.postFailures.inc({ self_id: String(client.selfId), adapter: client.adapter }),
  };

  /** Times store writes (pass to `timeStoreWrites`). */
  readonly storeTimer = (operation: string, seconds: number, failed: boolean): void => {
    this.#writeSeconds(operation).observe(seconds);
    if (failed) this.storeWriteFailures.inc({ operation });
  };

  /** Counts every call the dispatcher answers. */
  observeDispatcher(dispatcher: Dispatcher): void {
    this.#stops.push(
      dispatcher.onCall((call) => {
        const action = dispatcher.table.resolve(call.action) ? call.action : '(unknown)';
        this.#calls.add(action, String(call.envelope.retcode), call.meta.transport);
        this.#callSeconds(action).observe(call.durationMs / 1000);
      }),
    );
    new Gauge({
      name: 'catnap_action_queue_depth',
      help: "Calls waiting or running in an account's _async / _rate_limited queue",
      labelNames: ['self_id', 'queue'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { selfId, queue, depth } of dispatcher.queueDepths()) this.set({ self_id: String(selfId), queue }, depth);
      },
    });
  }

  /** Counts the world's changes and the messages it stores. */
  observeWorld(world: World): void {
    this.#stops.push(
      world.events.on((event: DomainEvent) => {
        this.#worldEvents.add(event.type);
        if (event.type === 'message.created') this.#stored.add(event.message.conversation.type);
      }),
    );
  }

  /** Reads clients, backlogs and readiness from the running adapters at each scrape. */
  observeNetwork(network: NetworkManager, ready: () => string[]): void {
    const adapters = function* () {
      for (const selfId of network.accounts()) for (const adapter of network.adapters(selfId)) yield { selfId, adapter };
    };
    new Gauge({
      name: 'catnap_clients_connected',
      help: 'Clients connected now (WebSockets, event streams, a reverse WebSocket), by adapter',
      labelNames: ['self_id', 'kind', 'adapter'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { selfId, adapter } of adapters()) {
          this.set({ self_id: String(selfId), kind: adapter.kind, adapter: adapter.name }, adapter.status().clients);
        }
      },
    });
    new Gauge({
      name: 'catnap_client_backlog_bytes',
      help: 'Bytes waiting to be sent to the slowest client of an adapter (closed past 8 MiB)',
      labelNames: ['self_id', 'kind', 'adapter'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { selfId, adapter } of adapters()) {
          const bytes = adapter.backlog?.().maxPendingBytes;
          if (bytes !== undefined) this.set({ self_id: String(selfId), kind: adapter.kind, adapter: adapter.name }, bytes);
        }
      },
    });
    new Gauge({
      name: 'catnap_http_post_queue_events',
      help: 'Events waiting for (or in) an HTTP POST to their receiver',
      labelNames: ['self_id', 'adapter'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { selfId, adapter } of adapters()) {
          const queued = adapter.backlog?.().queuedEvents;
          if (queued !== undefined) this.set({ self_id: String(selfId), adapter: adapter.name }, queued);
        }
      },
    });
    new Gauge({
      name: 'catnap_ready',
      help: '1 when the store is open and every enabled adapter serves (as GET /readyz), else 0',
      registers: [this.registry],
      collect() {
        this.set(ready().length === 0 ? 1 : 0);
      },
    });
  }

  /** The Prometheus text exposition: this Catnap's metrics, then the process's. */
  async text(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processRegistry().metrics()}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.registry.clear();
  }
}

function clientLabels(client: ClientLabel): { self_id: string; transport: string; adapter: string } {
  return { self_id: String(client.selfId), transport: client.transport, adapter: client.adapter };
}

/** Memoises `make` by its string arguments (label values; none of them contains a NUL). */
function children<A extends string[], T>(make: (...labels: A) => T): (...labels: A) => T {
  const cache = new Map<string, T>();
  return (...labels: A) => {
    const key = labels.join('\u0000');
    let child = cache.get(key);
    if (child === undefined) {
      child = make(...labels);
      cache.set(key, child);
    }
    return child;
  };
}

/** A Counter's `collect` that sets it to a tally's totals (`this` is the counter being read). */
function handedFrom(tally: Tally<readonly string[]>): (this: Counter<string>) => void {
  return function (this: Counter<string>) {
    tally.handTo(this);
  };
}
