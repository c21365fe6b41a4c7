import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ClockState, WorldClock } from '../../util/clock.js';
import { nowSeconds } from '../../util/clock.js';
import { maxSeed, type RandomState, type WorldRandom } from '../../util/random.js';
import { describeProblems } from '../../util/schema-problems.js';
import { WorldError } from '../errors.js';
import { preparePrivateFile, type PreparedFile } from '../../util/private-files.js';
import { SerialQueue } from '../../util/serial-queue.js';
import type { DomainEventBus } from '../events.js';
import type { WorldStore } from '../store/store.js';

/** What is kept beside a snapshot's database copy: what the database does not hold. */
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

/** A snapshot whose sidecar cannot be read as one: listed apart, and refused by a restore. */
export interface DamagedSnapshot {
  readonly name: string;
  /** What is wrong with it, naming the file: `x.json is not JSON: ...`, `x.json is damaged (clock: ...)`. */
  readonly problem: string;
}

/** The snapshots in the folder: those that can be restored, and those whose sidecar is damaged. */
export interface SnapshotListing {
  readonly snapshots: SnapshotInfo[];
  readonly damaged: DamagedSnapshot[];
}

/**
 * A sidecar as `save` writes it (the name is the file's). Checked when it is read, before anything
 * is replaced or listed: one edited by hand or cut short is refused while the world is still whole,
 * and lists as damaged rather than failing the listing of every other snapshot.
 */
const Sidecar = Type.Object({
  worldTime: Type.Integer(),
  takenAt: Type.Integer(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  clock: Type.Object({ nowMs: Type.Number(), frozen: Type.Boolean() }),
  random: Type.Object({
    seed: Type.Integer({ minimum: 0, maximum: maxSeed }),
    // xoroshiro128+'s state: four 32-bit words, as `getState` gives them (signed).
    state: Type.Array(Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 }), { minItems: 4, maxItems: 4 }),
    seeded: Type.Optional(Type.Boolean()),
  }),
});

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
   * file (one failed, ENOENT or "output file already exists"), or left one save's copy beside the
   * other's clock and random state; a delete could leave a save's metadata without its copy; a
   * restore during a save of its name read the old clock and random state and then the new copy.
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
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${name}.${process.pid}.tmp`);
    await rm(temp, { force: true });
    // One synchronous pass: no unit commits between the copy and the clock and random states.
    store.saveCopy(temp);
    const info = { name, worldTime: nowSeconds(clock), takenAt: Date.now(), clock: clock.state(), random: random.state() };
    const full: SnapshotInfo = { ...info, sizeBytes: (await stat(temp)).size };
    // Both files are written in full before either replaces the old snapshot's: a sidecar that
    // could not be written (a full disk) left the new copy beside the old clock and random state.
    // The renames, in one folder, need no space; the sidecar's goes last, so a listing meanwhile
    // reads the old one or the new.
    let sidecar: PreparedFile | undefined;
    try {
      sidecar = await preparePrivateFile(this.#metaPath(name), `${JSON.stringify(full, null, 2)}\n`);
      await rename(temp, this.#dbPath(name));
      await sidecar.commit();
    } catch (error) {
      await Promise.all([rm(temp, { force: true }), sidecar?.discard()]);
      throw error;
    }
    return full;
  }

  /** Every snapshot, oldest first; one whose sidecar is damaged is listed apart, by name. */
  async list(): Promise<SnapshotListing> {
    let entries: string[];
    try {
      entries = await readdir(this.deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { snapshots: [], damaged: [] };
      throw error;
    }
    const names = entries.filter((entry) => entry.endsWith('.json')).map((entry) => entry.slice(0, -'.json'.length));
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
      await rm(this.#metaPath(name), { force: true });
      await rm(this.#dbPath(name), { force: true });
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

  /** Snapshot `name` as its sidecar says, what is wrong with the sidecar, or undefined when either file is missing. */
  async #read(name: string): Promise<SnapshotInfo | DamagedSnapshot | undefined> {
    let meta: string;
    try {
      [meta] = await Promise.all([readFile(this.#metaPath(name), 'utf8'), stat(this.#dbPath(name))]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let sidecar: unknown;
    try {
      sidecar = JSON.parse(meta);
    } catch (error) {
      return { name, problem: `${name}.json is not JSON: ${(error as Error).message}` };
    }
    if (!Value.Check(Sidecar, sidecar)) {
      const problems = describeProblems(Value.Errors(Sidecar, sidecar), 'sidecar', 3);
      return { name, problem: `${name}.json is damaged (${problems.join('; ')})` };
    }
    return { ...sidecar, name };
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
