import type { WorldClock } from '../../util/clock.js';
import type { DomainEvent } from '../../world/events.js';
import type { World } from '../../world/world.js';
import type { CallRecord, Dispatcher } from '../dispatcher.js';
import type { FaultFired } from '../../world/faults/fault-model.js';
import type { RenderContext } from '../message/render.js';
import { keepable, type NewEntry, type TranscriptEntry } from './entry.js';
import { entryOf, messageEntry } from './from-domain.js';
import { matches, score, type EntryMatch } from './match.js';

/**
 * Entries kept; older ones are dropped first (a transcript is for the test running now). 50,000
 * kept about 220 MB on the heap under a send load, and the major collections of that heap tripled
 * the fan-out bench row's p99; 10,000 is still far more than one test makes.
 */
const defaultCapacity = 10_000;
/** How many entries a wait keeps to name the closest ones before cutting them back. */
const maxSeen = 1000;

export interface WaitRequest {
  /** Entries after this seq count (default: the wait's arrival). */
  readonly since: number;
  readonly match: EntryMatch;
  /** How many matches to wait for (default 1). */
  readonly count: number;
  /** Succeed when nothing matched within the timeout; fail at the first match. */
  readonly none: boolean;
  readonly timeoutMs: number;
  /** Aborted when nobody waits for the answer any more (the client went): the wait ends then. */
  readonly signal?: AbortSignal;
}

/** A finished call as the transcript keeps it. */
export interface RecordedCall {
  readonly selfId: number;
  /** How it came: a OneBot transport (http, ws, ...), "admin", or "milky". */
  readonly transport: string;
  readonly adapter?: string;
  readonly action: string;
  readonly params: unknown;
  readonly status: string;
  readonly retcode: number;
}

/**
 * An entry as kept. Messages and calls, nearly all of a busy world's entries, are made into their
 * wire shape (rendered segments, text line) only when first read: under a send load nobody reads
 * most of them before they are let go. Everything they are made from is immutable by then (a
 * stored message's record, the params as kept), so a late making reads what it would have read
 * at once.
 */
interface Slot {
  readonly seq: number;
  readonly time: number;
  entry: TranscriptEntry | undefined;
  make: (() => Omit<NewEntry, 'time'>) | undefined;
}

export type WaitOutcome =
  | { readonly ok: true; readonly matched: TranscriptEntry[]; readonly next: number }
  | {
      readonly ok: false;
      /**
       * `stopped`: Catnap is stopping, so the wait ended early (see `endWaits`); `abandoned`: its
       * `signal` aborted. Neither is answered to anyone who reads `closest`, so it is left empty.
       */
      readonly reason: 'timeout' | 'matched' | 'stopped' | 'abandoned';
      readonly matched: TranscriptEntry[];
      readonly closest: TranscriptEntry[];
    };

/**
 * The ordered record of what happened in the world (messages, recalls, reactions, notices,
 * requests), every OneBot action call any account made (with its transport, params and retcode),
 * every fault rule that fired,
 * and the bench's own doings (clock jumps, marks, restores). Tests read it since a mark, and wait
 * on it. It lives in memory and outlives restores, which it records.
 */
export class Transcript {
  #slots: Slot[] = [];
  /** Kept entries not made yet that read a stored message when made. */
  #readsWorld: Slot[] = [];
  #seq = 0;
  readonly #waiters = new Set<(entry: TranscriptEntry) => void>();
  /** Ends each pending wait at once (Catnap is stopping). */
  readonly #enders = new Set<() => void>();
  #ended = false;
  readonly #listeners = new Set<(entry: TranscriptEntry) => void>();

  constructor(
    private readonly clock: WorldClock,
    private readonly capacity = defaultCapacity,
  ) {}

  /** Records the world's events, every dispatched call and clock jumps; returns the unsubscribe. */
  attach(world: World, dispatcher: Dispatcher, render: RenderContext): () => void {
    const offs = [
      world.events.on((event) => this.#onDomain(world, event, render)),
      // Entries still to be made read their messages from the world: made now, before a restore
      // puts other messages (or none) under the same ids.
      world.snapshots.beforeRestore(() => this.#makePending()),
      dispatcher.onCall((record) => this.#onCall(record)),
      // The world's signal, not the OneBot gate's alone: a rule hitting a Milky call is recorded too.
      world.faults.onFired((fired) => this.#onFault(fired)),
      world.clock.onChange(({ fromMs, toMs }) => {
        const delta = toMs - fromMs;
        this.#record({ kind: 'clock', from_ms: fromMs, to_ms: toMs, line: `clock ${delta >= 0 ? '+' : '-'}${Math.abs(delta) / 1000}s` });
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  /** The seq of the last entry (0 before any): a position to read or wait from. */
  get head(): number {
    return this.#seq;
  }

  /** Records a mark (a named position) and returns its seq. */
  mark(name?: string): number {
    return this.#record({ kind: 'mark', ...(name && { name }), line: `mark${name ? ` ${name}` : ''}` }).seq;
  }

  /**
   * Records something another part of Catnap did that a test should see in order with the rest
   * (a fault rule firing, say): `source` names the part, `summary` is the text line.
   */
  recordExtra(source: string, summary: string, detail: Record<string, unknown> = {}): TranscriptEntry {
    return this.#record({ kind: 'extra', source, ...detail, line: `${source} ${summary}` });
  }

  /** Entries after `since` (a seq), oldest first; `dropped` says older ones were already let go. */
  since(since: number): { entries: TranscriptEntry[]; dropped: boolean } {
    const first = this.#slots[0]?.seq ?? this.#seq + 1;
    const start = Math.max(0, since + 1 - first);
    return { entries: this.#slots.slice(start).map(entryOfSlot), dropped: since + 1 < first && this.#slots.length > 0 };
  }

  /** The entry at `seq`, if still kept. */
  at(seq: number): TranscriptEntry | undefined {
    const first = this.#slots[0]?.seq ?? 0;
    const slot = this.#slots[seq - first];
    return slot && entryOfSlot(slot);
  }

  /** Hears every new entry (the console's live timeline); returns the unsubscribe. */
  onEntry(listener: (entry: TranscriptEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many waits are pending now (diagnostics, tests). */
  get pendingWaits(): number {
    return this.#enders.size;
  }

  /** Waits as `request` says; see `WaitOutcome`. */
  wait(request: WaitRequest): Promise<WaitOutcome> {
    const matched: TranscriptEntry[] = [];
    // Candidates for `closest`: a wait may last minutes under load, so they are cut back to the
    // closest ones now and then (the closest of all are among the closest of each part).
    let seen: TranscriptEntry[] = [];
    const consider = (entry: TranscriptEntry) => {
      if (entry.seq <= request.since || entry.kind === 'mark') return;
      seen.push(entry);
      if (seen.length > maxSeen) seen = closest(request.match, seen);
      if (matches(request.match, entry)) matched.push(entry);
    };
    for (const entry of this.since(request.since).entries) consider(entry);
    const check = (): WaitOutcome | undefined => {
      if (request.none && matched.length > 0) return { ok: false, reason: 'matched', matched, closest: matched };
      if (request.none || matched.length < request.count) return undefined;
      const hits = matched.slice(0, request.count);
      return { ok: true, matched: hits, next: hits.at(-1)!.seq };
    };
    const already = check();
    if (already) return Promise.resolve(already);
    const unanswered = (reason: 'stopped' | 'abandoned'): WaitOutcome => ({ ok: false, reason, matched, closest: [] });
    if (this.#ended) return Promise.resolve(unanswered('stopped'));
    const { signal } = request;
    if (signal?.aborted) return Promise.resolve(unanswered('abandoned'));
    return new Promise<WaitOutcome>((resolve) => {
      const done = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        this.#enders.delete(ender);
        signal?.removeEventListener('abort', abandon);
        resolve(outcome);
      };
      const ender = () => done(unanswered('stopped'));
      // A wait may last ten minutes: one nobody will read is not kept (nor its closest entries).
      const abandon = () => done(unanswered('abandoned'));
      signal?.addEventListener('abort', abandon, { once: true });
      const waiter = (entry: TranscriptEntry) => {
        consider(entry);
        const outcome = check();
        if (outcome) done(outcome);
      };
      const timer = setTimeout(() => {
        if (request.none) done({ ok: true, matched: [], next: this.#seq });
        else done({ ok: false, reason: 'timeout', matched, closest: closest(request.match, seen) });
      }, request.timeoutMs);
      this.#waiters.add(waiter);
      this.#enders.add(ender);
    });
  }

  /**
   * Ends every pending wait, and any later one, as `stopped`: a stopping Catnap must not wait for
   * a test's long waits to run out (its HTTP server waits for their answers before it closes).
   */
  endWaits(): void {
    this.#ended = true;
    for (const end of [...this.#enders]) end();
  }

  #onDomain(world: World, event: DomainEvent, render: RenderContext): void {
    if (event.type === 'world.restored') {
      this.#record({ kind: 'restore', snapshot: event.snapshot, line: `restore ${event.snapshot}` });
      return;
    }
    // A new message always makes an entry, so it can wait to be made; other events may make none.
    if (event.type === 'message.created') {
      // Only the message's id is held, and the stored message read when the entry is made: a
      // transcript holding thousands of message records had every send's record outlive the
      // young generation, which doubled the garbage collector's work under a send load.
      const { messageId } = event.message;
      const messages = world.store.messages;
      this.#recordLazily(() => messageEntry(messages.get(messageId)!, render), messageId);
      return;
    }
    const entry = entryOf(event, render);
    if (entry) this.#record(entry);
  }

  #onCall(record: CallRecord): void {
    const { envelope } = record;
    this.recordCall({
      selfId: record.selfId,
      transport: record.meta.transport,
      adapter: record.meta.adapter,
      action: record.action,
      params: record.params,
      status: envelope.status,
      retcode: envelope.retcode,
    });
  }

  /**
   * Records a call a bot made. OneBot calls come from the dispatcher (see `attach`); the app
   * hands in the calls of protocols above this layer (Milky, transport "milky").
   */
  recordCall(call: RecordedCall): void {
    const params = keepable(call.params);
    this.#recordLazily(() => ({
      kind: 'call',
      self_id: call.selfId,
      transport: call.transport,
      ...(call.adapter && { adapter: call.adapter }),
      action: call.action,
      params,
      status: call.status,
      retcode: call.retcode,
      line: `call ${call.selfId} ${call.transport} ${call.action} ${JSON.stringify(params) ?? '{}'} -> ${call.status} ${call.retcode}`,
    }));
  }

  /** A fault rule fired: recorded before the call it hit answers, so it reads before the call's entry. */
  #onFault(fired: FaultFired): void {
    const target = fired.action ?? `event ${fired.event}`;
    this.#record({
      kind: 'fault',
      rule_id: fired.ruleId,
      self_id: fired.selfId,
      transport: fired.transport,
      ...(fired.action !== undefined && { action: fired.action }),
      ...(fired.event !== undefined && { event: fired.event }),
      effect: fired.effect,
      ...(fired.retcode !== undefined && { retcode: fired.retcode }),
      line: `fault rule ${fired.ruleId} ${fired.selfId} ${fired.transport} ${target} ${fired.effect}${fired.retcode === undefined ? '' : ` ${fired.retcode}`}`,
    });
  }

  #record(entry: Omit<NewEntry, 'time'>): TranscriptEntry {
    const slot = this.#keep(undefined);
    slot.entry = { ...entry, seq: slot.seq, time: slot.time } as TranscriptEntry;
    this.#announce(slot.entry);
    return slot.entry;
  }

  /**
   * Records an entry made only when someone reads it (at once when a wait or a listener is on).
   * `storedMessage` names the message it reads from the world, if it does (see `#makePending`).
   */
  #recordLazily(make: () => Omit<NewEntry, 'time'>, storedMessage?: number): void {
    const slot = this.#keep(make);
    if (this.#waiters.size > 0 || this.#listeners.size > 0) this.#announce(entryOfSlot(slot));
    else if (storedMessage !== undefined) this.#readsWorld.push(slot);
  }

  /** Makes every kept entry that still has to read the world. */
  #makePending(): void {
    for (const slot of this.#readsWorld) entryOfSlot(slot);
    this.#readsWorld = [];
  }

  #keep(make: Slot['make']): Slot {
    const slot: Slot = { seq: ++this.#seq, time: this.clock.nowMs(), entry: undefined, make };
    this.#slots.push(slot);
    if (this.#slots.length > this.capacity) {
      this.#slots = this.#slots.slice(-Math.floor(this.capacity * 0.9));
      const first = this.#slots[0]!.seq;
      this.#readsWorld = this.#readsWorld.filter((kept) => kept.seq >= first && kept.make !== undefined);
    }
    return slot;
  }

  #announce(entry: TranscriptEntry): void {
    if (this.#waiters.size > 0) for (const waiter of [...this.#waiters]) waiter(entry);
    for (const listener of this.#listeners) listener(entry);
  }
}

function entryOfSlot(slot: Slot): TranscriptEntry {
  if (!slot.entry) {
    slot.entry = { ...slot.make!(), seq: slot.seq, time: slot.time } as TranscriptEntry;
    slot.make = undefined;
  }
  return slot.entry;
}

/** The entries that came closest to a match: same kind first, then most conditions met, latest first. */
function closest(match: EntryMatch, seen: readonly TranscriptEntry[], limit = 5): TranscriptEntry[] {
  return seen
    .map((entry) => ({ entry, ...score(match, entry) }))
    .filter(({ met }) => met > 0)
    .sort((a, b) => b.met - a.met || b.entry.seq - a.entry.seq)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

/**
 * The compact text form: one line per entry, its time relative to `base` (the mark's), so a run
 * with a seed and a frozen clock reads the same every time. Marks are left out.
 */
export function transcriptText(entries: readonly TranscriptEntry[], baseMs: number): string {
  return entries
    .filter((entry) => entry.kind !== 'mark')
    .map((entry) => `${relative(entry.time - baseMs)} ${entry.line}\n`)
    .join('');
}

function relative(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${Math.abs(ms) / 1000}s`;
}
