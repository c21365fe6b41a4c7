import type { Dialect } from '../dialect.js';
import type { MessageFormat } from '../action.js';
import type { EventHub } from './event-hub.js';
import type { OutboundEvent } from './outbound-event.js';

/** How many recent events an account keeps for polling, as LLBot keeps. */
const keptEvents = 100;
/** A poller not heard from for this long is forgotten (LLBot: five minutes). */
const idleMs = 5 * 60_000;
/** At most this many pollers per account; the longest idle goes first. */
const maxPollers = 100;

interface Poller {
  seq: number;
  lastSeen: number;
}

interface AccountFeed {
  seq: number;
  readonly events: { seq: number; event: OutboundEvent }[];
  readonly pollers: Map<string, Poller>;
  readonly waiters: Set<() => void>;
}

/**
 * Events by polling (LLBot's `get_event`): each account's recent events, and a cursor per poller
 * key. A key's first poll starts at the newest event, so it answers what arrives after it; each
 * poll answers the events since the key's last one (of the last 100), waiting up to `timeout`
 * ms for one when there is none. The account's feed starts with its first poll.
 */
export class EventPoll {
  readonly #feeds = new Map<number, AccountFeed>();

  constructor(
    private readonly hub: EventHub,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async poll(selfId: number, key: string, timeoutMs: number, format: MessageFormat, dialect: Dialect): Promise<object[]> {
    const feed = this.#feed(selfId);
    const now = this.nowMs();
    for (const [name, poller] of feed.pollers) if (now - poller.lastSeen > idleMs) feed.pollers.delete(name);
    let poller = feed.pollers.get(key);
    if (!poller) {
      if (feed.pollers.size >= maxPollers) {
        const oldest = [...feed.pollers].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0]!;
        feed.pollers.delete(oldest[0]);
      }
      poller = { seq: feed.seq, lastSeen: now };
      feed.pollers.set(key, poller);
    }
    if (feed.seq === poller.seq && timeoutMs > 0) await this.#wait(feed, timeoutMs);
    const since = poller.seq;
    poller.seq = feed.seq;
    poller.lastSeen = this.nowMs();
    return feed.events
      .filter((entry) => entry.seq > since && entry.event.reportedIn(dialect))
      .map((entry) => entry.event.object(format, dialect));
  }

  #feed(selfId: number): AccountFeed {
    let feed = this.#feeds.get(selfId);
    if (!feed) {
      const created: AccountFeed = { seq: 0, events: [], pollers: new Map(), waiters: new Set() };
      this.hub.subscribe(selfId, (event) => {
        created.seq += 1;
        created.events.push({ seq: created.seq, event });
        if (created.events.length > keptEvents) created.events.shift();
        for (const wake of created.waiters) wake();
      });
      this.#feeds.set(selfId, created);
      feed = created;
    }
    return feed;
  }

  #wait(feed: AccountFeed, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        feed.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      feed.waiters.add(done);
    });
  }
}
