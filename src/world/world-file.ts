import type { WorldFile } from '../contract/world-file.js';
import { WorldFileSchema } from '../contract/world-file.js';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { nowSeconds } from '../util/clock.js';
import { describeJsonProblem, findJsonProblem } from '../util/json-guard.js';
import { describeProblems } from '../util/schema-problems.js';
import { WorldError } from './errors.js';
import { worldFileProblems, type WorldFacts } from './world-file-rules.js';
import type { Announce } from './world-file-announce.js';
import { writeWorldFile } from './world-file-writer.js';
import type { World } from './world.js';

export { WorldFileAccount, WorldFileFriend, WorldFileGroup, WorldFileSchema, type WorldFile } from '../contract/world-file.js';

/** A world file that was refused: every problem with its path. Nothing of it was applied. */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
  constructor(readonly problems: readonly string[]) {
    super(`world file rejected, nothing was changed:\n  ${problems.join('\n  ')}`);
  }
}

const check = TypeCompiler.Compile(WorldFileSchema);

/** Far deeper than a world file needs (an account's NapCat config sits five levels down). */
const maxWorldFileDepth = 64;

/** Structural validation: returns the typed file or throws with every problem found. */
export function parseWorldFile(input: unknown): WorldFile {
  // Most files are right as they are: checking them in place spares cloning and converting
  // 100,000 accounts. The schema is closed everywhere but the protocol configs, so those are
  // the only parts where a prototype key or deep nesting could hide.
  if (check.Check(input)) {
    for (const [index, account] of (input.accounts ?? []).entries()) {
      for (const key of ['onebot', 'milky'] as const) {
        const problem = findJsonProblem(account[key], maxWorldFileDepth - 3);
        if (problem) throw new WorldFileError([`accounts.${index}.${key}: ${describeJsonProblem(problem, 'value')}`]);
      }
    }
    return input;
  }
  const problem = findJsonProblem(input, maxWorldFileDepth);
  if (problem) throw new WorldFileError([describeJsonProblem(problem, 'world file')]);
  const value = Value.Convert(WorldFileSchema, Value.Clone(input));
  if (check.Check(value)) return value;
  throw new WorldFileError(describeProblems(check.Errors(value), '(root)', 50));
}

export interface ApplySummary {
  readonly accountsCreated: number;
  readonly accountsUpdated: number;
  readonly friendships: number;
  readonly groupsCreated: number;
  readonly groupsUpdated: number;
  /** Accounts with an `onebot` section, for the caller to write out. */
  readonly onebot: readonly { readonly userId: number; readonly config: unknown }[];
  /** Accounts with a `milky` section, likewise. */
  readonly milky: readonly { readonly userId: number; readonly config: unknown }[];
}

export interface ApplyOptions {
  /**
   * Problems the world cannot see but the caller can (each account's OneBot and Milky configs,
   * checked by the layers that own them); any problem refuses the whole file, as the world's do.
   */
  readonly moreProblems?: (file: WorldFile) => readonly string[];
  /**
   * Runs inside the unit, before the file's rules: a throw refuses the file. For a caller's check
   * of the live world (the admin API's create refuses an account or group that exists), which
   * made before the unit could be overtaken by another apply.
   */
  readonly check?: () => void;
  /** `summary` for an apply nobody can hear yet (at start): see `Announce`. Default `each`. */
  readonly announce?: Announce;
}

/** What the rules need to know of a live world. */
export function worldFacts(world: World): WorldFacts {
  return {
    hasAccount: (userId) => world.accounts.find(userId) !== undefined,
    group: (groupId) => {
      const group = world.groups.find(groupId);
      return group && { maxMembers: group.maxMembers, memberIds: world.groups.memberIds(groupId) };
    },
  };
}

/**
 * The one way a world file enters a world (start, `POST /api/world/apply`, the console's import,
 * `catnap world validate`): the structure, then every rule of the world (`worldFileProblems`)
 * and the caller's own checks, then all of the file in one unit of work. Any problem throws a
 * `WorldFileError` listing them all, and the world is exactly as it was.
 */
export async function applyWorldFile(world: World, input: unknown, options: ApplyOptions = {}): Promise<ApplySummary> {
  const file = parseWorldFile(input);
  const callerProblems = options.moreProblems?.(file) ?? [];
  return world.transaction((tx) => {
    // Inside the unit: no other change can land between the checks and the writes.
    options.check?.();
    const problems = [...worldFileProblems(file, worldFacts(world)), ...callerProblems];
    if (problems.length > 0) throw new WorldFileError(problems);
    let counts;
    try {
      counts = writeWorldFile(world, tx, file, options.announce);
    } catch (error) {
      // A rule the checks missed: still a refusal of the file, and the unit rolls back.
      if (error instanceof WorldError) throw new WorldFileError([`(applying): ${error.message}`]);
      throw error;
    }
    const accounts = file.accounts ?? [];
    return {
      ...counts,
      friendships: (file.friends ?? []).length,
      onebot: accounts.flatMap((entry) => (entry.onebot === undefined ? [] : [{ userId: entry.user_id, config: entry.onebot }])),
      milky: accounts.flatMap((entry) => (entry.milky === undefined ? [] : [{ userId: entry.user_id, config: entry.milky }])),
    };
  });
}

/** Records the digest of a file applied at start (its own small unit: see `app/world-at-start.ts`). */
export function recordAppliedDigest(world: World, digest: string): Promise<void> {
  return world.transaction(() => world.store.worldFiles.recordDigest(digest, nowSeconds(world.clock)));
}

/** How a layer above the world checks one protocol config; throws an Error whose message says what is wrong. */
export type ConfigCheck = (config: unknown, source: string) => unknown;

/**
 * Each account's `onebot` and `milky` sections checked by their owners' parsers (the world does
 * not read them), as `accounts.3.onebot: network.httpServers.0.port: ...`. A kind without a check
 * is refused: the caller cannot write it, so applying the file would half-fail.
 */
export function protocolConfigProblems(file: WorldFile, checks: { readonly onebot?: ConfigCheck; readonly milky?: ConfigCheck }): string[] {
  const problems: string[] = [];
  (file.accounts ?? []).forEach((account, index) => {
    for (const kind of ['onebot', 'milky'] as const) {
      if (account[kind] === undefined) continue;
      const path = `accounts.${index}.${kind}`;
      const check = checks[kind];
      if (!check) {
        problems.push(`${path}: this server cannot write ${kind === 'onebot' ? 'OneBot' : 'Milky'} configs`);
        continue;
      }
      try {
        check(account[kind], path);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  });
  return problems;
}
