import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import type { Envelope } from '../../src/onebot/envelope.js';
import type { Dispatcher } from '../../src/onebot/dispatcher.js';
import { protocolErrors, worldErrors } from '../../src/onebot/error-catalogue.js';
import { WorldError } from '../../src/world/errors.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import type { World } from '../../src/world/world.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { conflictBursts, type Burst, type Call, type Rng } from './conflict-bursts.js';
import { fuzzParams } from './schema-arbitrary.js';
import { checkInvariants, MembershipModel, pairKey, type Observed } from './world-invariants.js';

/**
 * Many clients acting on one world at once. Each wave mixes bursts of deliberately conflicting
 * calls on the same group, member, request or message (conflict-bursts.ts) with actions whose
 * params come from the schema fuzz's arbitraries, fires them all concurrently through the
 * dispatcher (and, for world-only changes, the services), and records what callers were told.
 * `check()` then holds the world to its rules (world-invariants.ts).
 */

/** Ids overlap the schema fuzz's plausible values (10001, 10002, 20001, 20002, 30001, 30002). */
export const fuzzWorldFile: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Bot A', bot: true },
    { user_id: 10002, nickname: 'Bot B', bot: true },
    ...[20001, 20002, 20003, 20004, 20005, 20006, 20007, 20008].map((user_id) => ({ user_id, nickname: `User ${user_id}` })),
  ],
  friends: [
    { user_id: 10001, friend_id: 20001 },
    { user_id: 10001, friend_id: 20002 },
    { user_id: 10002, friend_id: 20003 },
    { user_id: 20001, friend_id: 20002 },
    { user_id: 20004, friend_id: 20005 },
  ],
  groups: [
    { group_id: 30001, group_name: 'Lounge', owner_id: 20001, admins: [10001, 20002], members: [20003, 20004], max_member_count: 7 },
    { group_id: 30002, group_name: 'Tiny', owner_id: 10002, admins: [20005], members: [20001], max_member_count: 4 },
    { group_id: 30003, group_name: 'Open', owner_id: 20006, members: [10001, 20007], max_member_count: 5 },
  ],
};

export const fuzzAccounts = [10001, 10002, 20001, 20002, 20003, 20004, 20005, 20006, 20007, 20008];

/** Actions left out of the random part: they leave the process or the machine, or are slow by nature. */
const excluded = new Set(['set_restart', 'bot_exit', 'ocr_image', 'translate_en2zh', 'download_file', 'check_url_safely', 'clean_cache']);

const documented = new Set<number>([
  0,
  1,
  ...Object.values(protocolErrors).map((e) => e.retcode),
  ...Object.values(worldErrors).map((e) => e.retcode),
]);
documented.delete(protocolErrors.INTERNAL.retcode);

const sendActions: Record<string, 'group' | 'private' | 'either'> = {
  send_group_msg: 'group',
  send_group_forward_msg: 'group',
  forward_group_single_msg: 'group',
  send_private_msg: 'private',
  send_private_forward_msg: 'private',
  forward_friend_single_msg: 'private',
  send_msg: 'either',
  send_forward_msg: 'either',
};

export interface FuzzTarget {
  readonly world: World;
  readonly dispatcher: Dispatcher;
  /** Moves the world's clock (mutes expire, days turn); optional. */
  readonly advance?: (ms: number) => void;
}

export class ConcurrentFuzz {
  readonly observed: Observed = { acknowledged: new Map(), unfriended: new Set() };
  readonly model: MembershipModel;
  readonly db: Database;
  /** Calls answered with a retcode the catalogue does not document, or 1200, or a non-world throw. */
  readonly failures: string[] = [];
  readonly retcodes = new Map<number, number>();
  calls = 0;
  readonly #rng: Rng;
  readonly #random: { action: string; params: fc.Arbitrary<unknown>; samples?: unknown[] }[];
  readonly #recent: number[] = [];

  constructor(
    private readonly target: FuzzTarget,
    seed: number,
  ) {
    this.db = (target.world.store as SqliteWorldStore).db;
    this.model = new MembershipModel(this.db);
    target.world.events.on((event) => this.model.apply(event));
    this.#rng = mulberry32(seed);
    this.#random = target.dispatcher.table
      .specs()
      .filter((spec) => !excluded.has(spec.name))
      .map((spec) => ({ action: spec.name, params: fuzzParams(spec.params) }));
  }

  /** Fires about `size` calls at once and waits for every answer. */
  async wave(size: number): Promise<void> {
    const calls: Call[] = [];
    const context = { db: this.db, rng: this.#rng, recent: this.#recent, accounts: fuzzAccounts };
    while (calls.length < size) {
      if (this.#rng.next() < 0.25) calls.push(this.#randomCall());
      else calls.push(...this.#rng.pick<Burst>(conflictBursts)(context));
    }
    await Promise.all(calls.map((call) => this.#run(call)));
    this.target.advance?.(this.#rng.int(1, 90) * 1000);
  }

  /** Every broken rule (empty when sound), including calls that answered 1200 or undocumented retcodes. */
  check(): string[] {
    return [...this.failures.slice(0, 10), ...checkInvariants(this.db, this.observed, this.model)];
  }

  /** An action with params from the schema fuzz (a pool of samples per action, drawn once from the seed). */
  #randomCall(): Call {
    const entry = this.#rng.pick(this.#random);
    entry.samples ??= fc.sample(entry.params, { numRuns: 24, seed: this.#rng.int(0, 2 ** 31 - 1) });
    const params = this.#rng.pick(entry.samples);
    const safe = typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
    return { selfId: this.#rng.pick(fuzzAccounts), action: entry.action, params: safe, raw: params };
  }

  async #run(call: Call): Promise<void> {
    this.calls++;
    if (call.action === 'delete_friend') {
      const other = Number(call.params.friend_id ?? call.params.user_id);
      if (typeof call.selfId === 'number' && Number.isFinite(other)) this.observed.unfriended.add(pairKey(call.selfId, other));
    }
    if (call.selfId === 'world') {
      try {
        await call.run!(this.target.world);
        this.#count(0);
      } catch (error) {
        // A refusal counts under the retcode the catalogue gives its code; anything else is a bug.
        if (error instanceof WorldError) this.#count(worldErrors[error.code].retcode);
        else this.failures.push(`world ${call.action}: ${String(error)}`);
      }
      return;
    }
    const envelope = await this.target.dispatcher.dispatch(call.selfId, call.action, call.raw ?? call.params, { transport: 'fuzz' });
    this.#count(envelope.retcode);
    if (!documented.has(envelope.retcode)) {
      this.failures.push(
        `${call.action}(${JSON.stringify(call.params).slice(0, 200)}) as ${call.selfId}: ${envelope.retcode} ${envelope.message}`,
      );
    }
    if (envelope.status === 'ok') this.#acknowledge(call, envelope);
  }

  #count(retcode: number): void {
    this.retcodes.set(retcode, (this.retcodes.get(retcode) ?? 0) + 1);
  }

  /** Remembers a message a send acknowledged (the invariants check it is stored as sent). */
  #acknowledge(call: Call, envelope: Envelope): void {
    const kind = sendActions[call.action];
    const messageId = (envelope.data as { message_id?: unknown } | null)?.message_id;
    if (!kind || typeof messageId !== 'number' || typeof call.selfId !== 'number') return;
    const groupId = Number(call.params.group_id);
    const userId = Number(call.params.user_id);
    let conv = '';
    if (kind === 'group') conv = `g:${groupId}`;
    else if (kind === 'private') conv = `p:${Math.min(call.selfId, userId)}:${Math.max(call.selfId, userId)}`;
    this.observed.acknowledged.set(messageId, { senderId: call.selfId, conv });
    this.#recent.push(messageId);
    if (this.#recent.length > 64) this.#recent.shift();
  }
}

/** A small seeded random source (mulberry32): the same seed gives the same run of calls. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}
