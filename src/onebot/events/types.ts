import type { World } from '../../world/world.js';
import type { DomainEvent, DomainEventOf, DomainEventType } from '../../world/events.js';
import type { Dialect, MessageFormat, PublicUrls } from '../action.js';
import type { DialectNotes } from '../dialect.js';

import type { OneBotEvent } from '../../contract/onebot/events.js';

/** A OneBot event as sent on the wire: one of the contract's union, which builders must return. */
export type { OneBotEvent };

/** What the hub lends every builder. */
export interface EventHubContext {
  readonly urls: PublicUrls;
}

/** One build's context: the hub's, and the dialect of the adapters the events are for. */
export interface BuildContext extends EventHubContext {
  readonly dialect: Dialect;
}

/**
 * Turns one kind of domain event into OneBot events. `prepare` gathers, once per domain event,
 * whatever world data the events need (names, cards, roles); `build` is then a pure function of
 * (domain event, prepared data, receiving account, format, dialect in `ctx`) and returns the
 * events that account receives (none, one, or several). A dialect may change an event's fields,
 * even its notice type, but not how many events there are nor their post types; `reportedIn` says
 * which dialects get them at all.
 */
export interface EventBuilder<T extends DomainEventType = DomainEventType, P = unknown> {
  readonly type: T;
  /** Synchronous where the world's reads are (no turn of the microtask queue per event). */
  prepare?(event: DomainEventOf<T>, world: World): P | Promise<P>;
  build(event: DomainEventOf<T>, prepared: P, selfId: number, format: MessageFormat, ctx: BuildContext): OneBotEvent[];
  /**
   * Whether the adapters of a dialect of account `selfId` get these events at all; every dialect
   * when absent. For changes an implementation never reports (NapCat has no notice for an essence
   * removal).
   */
  reportedIn?(event: DomainEventOf<T>, dialect: Dialect, selfId: number): boolean;
  /** The world record adapters with `debug` attach to these events as `raw` (message events). */
  raw?(event: DomainEventOf<T>): unknown;
  /** What `build` does differently per dialect, in a sentence each (docs/dialects.md). */
  readonly dialects?: DialectNotes;
  /** The OneBot events it makes, as docs/dialects.md names them (`notice.notify.poke`); the domain type when absent. */
  readonly emits?: string;
}

/** Identity helper so each builder's types are inferred from its `type`. */
export function defineBuilder<T extends DomainEventType, P = undefined>(builder: EventBuilder<T, P>): EventBuilder<T, P> {
  return builder;
}

/**
 * A builder of some domain event type, as the hub holds them: the hub hands each builder only
 * events of its own type (it looks builders up by `type`), which the compiler cannot follow through
 * a list of builders of different types. Each builder is checked where it is defined.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventBuilder = EventBuilder<any, any>;

export type { DomainEvent };
