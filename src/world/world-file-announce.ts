import type { DomainEvent } from './events.js';
import type { Tx } from './services/context.js';

/**
 * How an apply announces what it created. `each`: the events any other change emits (every
 * account, group, member, friendship and category), so connected bots hear of new members and
 * friends as they would of any (`POST /api/world/apply`, the console's import). `summary`: those
 * per-row events are left out and one `world.file_applied`, emitted last, counts them. It is for
 * an apply nobody can hear: at start, before any adapter, Milky server, console or transcript
 * listens, where a 100,000-account file's 450,000 events cost half a second for no one.
 */
export type Announce = 'each' | 'summary';

/**
 * The events of creating accounts, groups, members, friendships and categories, one per row of
 * a file. Their only listeners deliver them (OneBot and Milky events, the transcript, the
 * console) or count them (metrics); no cache or service depends on them (the fault rules reload
 * on `faults.changed`, health on `world.restored`, and those always go out).
 */
const perRowEvents: ReadonlySet<DomainEvent['type']> = new Set([
  'account.created',
  'category.changed',
  'friend.added',
  'group.created',
  'member.joined',
]);

/** A Tx that counts the per-row events instead of emitting them, and emits their count last. */
export function withoutPerRowEvents(unit: Tx): Tx & { close(): void } {
  const omitted: Record<string, number> = {};
  let any = false;
  return {
    emit: (event) => {
      if (!perRowEvents.has(event.type)) return unit.emit(event);
      omitted[event.type] = (omitted[event.type] ?? 0) + 1;
      any = true;
    },
    close: () => {
      // Nothing left out (the file created nothing): nothing to stand in for.
      if (any) unit.emit({ type: 'world.file_applied', omitted, audience: [] });
    },
  };
}
