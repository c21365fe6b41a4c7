import type { Clock } from '../../util/clock.js';
import { nowSeconds } from '../../util/clock.js';
import type { DomainEvent, DomainEventBus } from '../events.js';
import type { WorldStore } from '../store/store.js';

/** What every world service needs: the store, the event bus and the clock. */
export interface ServiceContext {
  readonly store: WorldStore;
  readonly bus: DomainEventBus;
  readonly clock: Clock;
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

/** Emits a domain event stamped with the current time. */
export function emit(ctx: ServiceContext, event: UntimedEvent): void {
  ctx.bus.emit({ time: now(ctx), ...event } as DomainEvent);
}

/** A domain event before it is stamped: `time` is optional (distributes over the union). */
export type UntimedEvent = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'time'> & { time?: number } : never) : never;
