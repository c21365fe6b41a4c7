import type { Clock } from '../../util/clock.js';
import type { WorldRandom } from '../../util/random.js';
import { nowSeconds } from '../../util/clock.js';
import type { DomainEvent, DomainEventBus } from '../events.js';
import type { SendLimits } from '../limits/send-limits.js';
import type { WorldStore } from '../store/store.js';

/** What every world service needs: the store, the event bus, the clock and the randomness. */
export interface ServiceContext {
  readonly store: WorldStore;
  readonly bus: DomainEventBus;
  readonly clock: Clock;
  /** Every id or value the world makes up draws from this (inside the unit that stores it). */
  readonly random: WorldRandom;
  /** QQ's limits on sending, as configured (catnap.json `limits`). */
  readonly limits: SendLimits;
}

/**
 * Who performs a change. `world` is the world itself (world file, admin console): it is not
 * bound by QQ's permission rules. A number is an account acting as a QQ user would, and every
 * rule applies to it.
 */
export type Actor = number | 'world';

/** The uin recorded as operator of a change: the acting account, or `fallback` for the world. */
export function operatorOf(actor: Actor, fallback: number): number {
  return actor === 'world' ? fallback : actor;
}

export function now(ctx: ServiceContext): number {
  return nowSeconds(ctx.clock);
}

/** A domain event before it is stamped: `time` is optional (distributes over the union). */
export type UntimedEvent = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'time'> & { time?: number } : never) : never;

/**
 * The handle of a running unit of work. Operations that take a `Tx` are synchronous and only
 * valid inside one: they read, check and write through the store, and `emit` the events that
 * announce their change. The events go out after the unit commits, and never if it fails.
 */
export interface Tx {
  emit(event: UntimedEvent): void;
}

/**
 * Runs one world change as a unit of work (see `WorldStore.transaction`): `work` checks, writes
 * and collects events; the promise resolves after the commit, and then the events are sent, in
 * the order they were emitted. A throw rolls everything back and sends nothing.
 *
 * `work` must be synchronous and may be run again by a store that retries, so the events are
 * collected afresh on every run.
 */
export function transaction<T>(ctx: ServiceContext, work: (tx: Tx) => T): Promise<T> {
  // Not async: calling this inside a running unit (instead of composing its Tx operations)
  // throws at once, which rolls that unit back, rather than leaving a promise nobody awaits.
  return ctx.store
    .transaction(() => {
      const events: DomainEvent[] = [];
      const result = work({ emit: (event) => events.push(stamp(ctx, event)) });
      return { result, events };
    })
    .then(({ result, events }) => {
      for (const event of events) ctx.bus.emit(event);
      return result;
    });
}

/**
 * Sends a notification that changes nothing in the world (a poke, "typing..."), so it needs no
 * unit of work. Changes never use this: their events come from `Tx.emit`.
 */
export function notify(ctx: ServiceContext, event: UntimedEvent): void {
  ctx.bus.emit(stamp(ctx, event));
}

function stamp(ctx: ServiceContext, event: UntimedEvent): DomainEvent {
  return { time: now(ctx), ...event } as DomainEvent;
}
