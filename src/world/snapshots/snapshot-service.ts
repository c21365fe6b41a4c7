import { readdirSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ClockState, WorldClock } from '../../util/clock.js';
import { nowSeconds } from '../../util/clock.js';
import { maxSeed, type RandomState, type WorldRandom } from '../../util/random.js';
import { describeProblems } from '../../util/schema-problems.js';
import { WorldError } from '../errors.js';
import { SerialQueue } from '../../util/serial-queue.js';
import type { DomainEventBus } from '../events.js';
import type { WorldStore } from '../store/store.js';
import { embedInfo, readEmbeddedInfo } from './embedded-info.js';
import { flushFile, makeFolderDurably, renameDurably } from '../../util/durable-files.js';

/** A snapshot: what its database copy holds besides the world's tables (see embedded-info.ts). */
export interface SnapshotInfo {
  readonly name: string;
  /** The world's time when it was taken (unix seconds). */
  readonly worldTime: number;
  /** Real time when it was taken (unix milliseconds). */
  readonly takenAt: number;
  readonly sizeBytes: number;
  readonly clock: ClockState;
  readonly random: RandomState;
}

/** A snapshot whose facts (clock, random source) cannot be read as such: listed apart, and refused by a restore. */
export interface DamagedSnapshot {
  readonly name: string;
  /**
   * What is wrong with it, naming the file: `x.db holds damaged snapshot info (clock: ...)`,
   * `x.db cannot be read: file is not a database`; for a snapshot an earlier Catnap saved, its
   * sidecar: `x.json is not JSON: ...`, `x.json is damaged (clock: ...)`.
   */
  readonly problem: string;
}

/** The snapshots in the folder: those that can be restored, and those that are damaged. */
export interface SnapshotListing {
  readonly snapshots: SnapshotInfo[];
  readonly damaged: DamagedSnapshot[];
}

/**
 * A snapshot's facts as `save` writes them into its copy (the name is the file's, the size the
 * copy's). Checked when they are read, before anything is replaced or listed: facts edited by hand
 * or cut short are refused while the world is still whole, and list as damaged rather than
 * failing the listing of every other snapshot.
 */
const Info = Type.Object({
  worldTime: Type.Integer(),
  takenAt: Type.Integer(),
  clock: Type.Object({ nowMs: Type.Number(), frozen: Type.Boolean() }),
  random: Type.Object({
    seed: Type.Integer({ minimum: 0, maximum: maxSeed }),
    // xoroshiro128+'s state: four 32-bit words, as `getState` gives them (signed).
    state: Type.Array(Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 }), { minItems: 4, maxItems: 4 }),
    seeded: Type.Optional(Type.Boolean()),
  }),
});

/**
 * The facts as Catnap kept them before they moved into the copy: in `<name>.json` beside it, with
 * the copy's size. Still read, so snapshots saved by earlier versions restore; never written.
 */
const Sidecar = Type.Composite([Info, Type.Object({ sizeBytes: Type.Integer({ minimum: 0 }) })]);

/** Names are file names too: letters, digits, dot, dash and underscore, starting with a letter or digit. */
export const snapshotNamePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
const namePattern = new RegExp(snapshotNamePattern);

/** A snapshot that does not exist or cannot be named so (the admin API answers 404 or 400). */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly kind: 'not_found' | 'bad_name',
    message: string,
  ) {
    super(message);
  }
}

/** The snapshot `POST /api/world/reset` goes back to: the world right after start. */
export const startSnapshot = 'start';

/**
 * Named copies of the whole world (every table, with its id counters, plus the clock and the
 * random source), kept as files in one folder so they survive restarts. Restoring puts the world
 * back in place: the store, its connection and everything built on it (adapters, connected
 * clients) carry on, and ids handed out afterwards continue from the restored state, so a test
 * replayed after a restore sees the same ids.
 */
export class SnapshotService {
  readonly #beforeRestore = new Set<() => void>();
  /**
   * Saves, restores and deletes, one after another. Two saves of one name at once shared its temp
   * file (one failed, ENOENT or "output file already exists"); a restore during a save of its name
   * could read the old copy's facts and then the new copy.
   */
  readonly #changes = new SerialQueue();

  constructor(
    private readonly deps: {
      readonly store: WorldStore;
      readonly clock: WorldClock;
      readonly random: WorldRandom;
      readonly bus: DomainEventBus;
      readonly dir: string;
    },
  ) {}

  /** Saves the world now under `name` (replacing a snapshot of that name). */
  save(name: string): Promise<SnapshotInfo> {
    checkName(name);
    return this.#changes.run(() => this.#save(name));
  }

  async #save(name: string): Promise<SnapshotInfo> {
    const { dir, store, clock, random } = this.deps;
    await makeFolderDurably(dir, 0o700);
    const temp = join(dir, `.${name}.${process.pid}.tmp`);
    // The temp copy and the rollback journal of writing its facts in: a journal a crash left would
    // be rolled back onto the fresh copy (a restart in a container often gets the same pid).
    const leftovers = () => Promise.all([rm(temp, { force: true }), rm(`${temp}-journal`, { force: true })]);
    await leftovers();
    let full: SnapshotInfo;
    try {
      // One synchronous pass: no unit commits between the copy and the clock and random states.
      store.saveCopy(temp);
      const info = { worldTime: nowSeconds(clock), takenAt: Date.now(), clock: clock.state(), random: random.state() };
      embedInfo(temp, JSON.stringify(info));
      full = { ...info, name, sizeBytes: (await stat(temp)).size };
      // The one step that replaces the old snapshot: its copy and its facts go in place together,
      // or (a crash, a failure before it) not at all; once it answers, a crash keeps the new one.
      await flushFile(temp);
      await renameDurably(temp, this.#dbPath(name));
    } catch (error) {
      await leftovers();
      throw error;
    }
    // A sidecar an earlier Catnap left for this name is stale now. Read only for a copy that holds
    // no facts of its own, so one left behind (a crash, a failure here) misleads nobody: the save
    // has succeeded whatever becomes of it.
    await rm(this.#metaPath(name), { force: true }).catch(() => undefined);
    return full;
  }

  /** Every snapshot, oldest first; a damaged one is listed apart, by name. */
  async list(): Promise<SnapshotListing> {
    let entries: string[];
    try {
      entries = await readdir(this.deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { snapshots: [], damaged: [] };
      throw error;
    }
    const names = entries.filter((entry) => entry.endsWith('.db')).map((entry) => entry.slice(0, -'.db'.length));
    const read = await Promise.all(names.filter((name) => namePattern.test(name)).map((name) => this.#read(name)));
    const snapshots: SnapshotInfo[] = [];
    const damaged: DamagedSnapshot[] = [];
    for (const entry of read) {
      if (entry && 'problem' in entry) damaged.push(entry);
      else if (entry) snapshots.push(entry);
    }
    return {
      snapshots: snapshots.sort((a, b) => a.takenAt - b.takenAt || a.name.localeCompare(b.name)),
      damaged: damaged.sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /** Snapshot `name`; a damaged one is a CONFLICT, saying what is wrong with it. */
  async get(name: string): Promise<SnapshotInfo> {
    checkName(name);
    const info = await this.#read(name);
    if (!info) throw new SnapshotError('not_found', `no snapshot named ${JSON.stringify(name)}`);
    if ('problem' in info) throw new WorldError('CONFLICT', `snapshot "${name}" cannot be restored: its ${info.problem}`);
    return info;
  }

  /**
   * Runs `listener` right before each restore replaces the world's tables, while the world still
   * holds what was said before (the transcript reads the messages it still has to write out);
   * returns the unsubscribe.
   */
  beforeRestore(listener: () => void): () => void {
    this.#beforeRestore.add(listener);
    return () => this.#beforeRestore.delete(listener);
  }

  /** Puts the world back as snapshot `name` kept it; announces `world.restored`. */
  async restore(name: string): Promise<SnapshotInfo> {
    checkName(name);
    return this.#changes.run(() => this.#restore(name));
  }

  async #restore(name: string): Promise<SnapshotInfo> {
    const info = await this.get(name);
    const { store, clock, random, bus } = this.deps;
    for (const listener of this.#beforeRestore) listener();
    store.restoreCopy(this.#dbPath(name));
    clock.restore(info.clock);
    random.restore(info.random);
    bus.emit({ type: 'world.restored', snapshot: name, time: nowSeconds(clock), audience: [] });
    return info;
  }

  /** Deletes snapshot `name`, a damaged one too (nothing else can clear it away). */
  delete(name: string): Promise<void> {
    checkName(name);
    return this.#changes.run(async () => {
      if (!(await this.#read(name))) throw new SnapshotError('not_found', `no snapshot named ${JSON.stringify(name)}`);
      // The copy first: without it the snapshot is gone, whatever becomes of an earlier Catnap's sidecar.
      await rm(this.#dbPath(name), { force: true });
      await rm(this.#metaPath(name), { force: true });
    });
  }

  /**
   * Adds to `into` every media blob id a stored snapshot names, so the blob sweep keeps what a
   * restore would bring back. Synchronous, like `save`: no snapshot is written or restored in the
   * middle of it. A snapshot that cannot be read throws (the sweep then deletes nothing); a
   * leftover temp file of a save is read when it can be (a save renames it only after the copy
   * is complete, and the copy is made synchronously, so one that cannot be read is a crash's).
   */
  blobReferences(into: Set<string>): void {
    let entries: string[];
    try {
      entries = readdirSync(this.deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.endsWith('.db')) this.deps.store.blobReferences(into, join(this.deps.dir, entry));
      else if (entry.startsWith('.') && entry.endsWith('.tmp')) {
        try {
          this.deps.store.blobReferences(into, join(this.deps.dir, entry));
        } catch {
          // A crash's partial copy: no restore can bring it back.
        }
      }
    }
  }

  /**
   * Snapshot `name` as its copy says (or, for a copy an earlier Catnap saved, its sidecar), what
   * is wrong with it, or undefined when it does not exist (no copy; an old copy without sidecar).
   */
  async #read(name: string): Promise<SnapshotInfo | DamagedSnapshot | undefined> {
    let sizeBytes: number;
    try {
      sizeBytes = (await stat(this.#dbPath(name))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const embedded = readEmbeddedInfo(this.#dbPath(name));
    switch (embedded.kind) {
      case 'missing':
        return undefined;
      case 'unreadable':
        return { name, problem: `${name}.db cannot be read: ${embedded.reason}` };
      case 'info': {
        const info = parseChecked(Info, embedded.json, {
          notJson: `${name}.db holds snapshot info that is not JSON`,
          damaged: `${name}.db holds damaged snapshot info`,
          root: 'info',
        });
        return info.ok ? { ...info.value, name, sizeBytes } : { name, problem: info.problem };
      }
      case 'none':
        return this.#readSidecar(name);
    }
  }

  /** An earlier Catnap's snapshot, as its sidecar says; undefined without one. */
  async #readSidecar(name: string): Promise<SnapshotInfo | DamagedSnapshot | undefined> {
    let meta: string;
    try {
      meta = await readFile(this.#metaPath(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const sidecar = parseChecked(Sidecar, meta, {
      notJson: `${name}.json is not JSON`,
      damaged: `${name}.json is damaged`,
      root: 'sidecar',
    });
    return sidecar.ok ? { ...sidecar.value, name } : { name, problem: sidecar.problem };
  }

  #dbPath(name: string): string {
    return join(this.deps.dir, `${name}.db`);
  }

  #metaPath(name: string): string {
    return join(this.deps.dir, `${name}.json`);
  }
}

function checkName(name: string): void {
  if (!namePattern.test(name)) {
    throw new SnapshotError(
      'bad_name',
      `a snapshot name is 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit; got ${JSON.stringify(name)}`,
    );
  }
}

/** `text` parsed and checked against `schema`, or the problem: `<notJson>: ...`, `<damaged> (clock: ...)`. */
function parseChecked<T extends TSchema>(
  schema: T,
  text: string,
  wording: { readonly notJson: string; readonly damaged: string; readonly root: string },
): { ok: true; value: Static<T> } | { ok: false; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `${wording.notJson}: ${(error as Error).message}` };
  }
  if (!Value.Check(schema, parsed)) {
    const problems = describeProblems(Value.Errors(schema, parsed), wording.root, 3);
    return { ok: false, problem: `${wording.damaged} (${problems.join('; ')})` };
  }
  return { ok: true, value: parsed };
}
