import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { LineCounter, parseAllDocuments } from 'yaml';
import { describeProblems } from '../../../util/schema-problems.js';
import { readWorldFile } from '../../world-file-reader.js';
import { validateWorldFile } from '../../world-validation.js';
import { stepsByName } from './steps.js';
import { unmetNeeds } from './step-needs.js';
import type { StepSpec } from './step.js';

export interface ScenarioStep {
  readonly spec: StepSpec;
  readonly value: unknown;
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  /** A world file's absolute path, or a world object; undefined: the run's world. */
  readonly world?: string | Record<string, unknown>;
  readonly group?: number;
  readonly user?: number;
  readonly skip: boolean;
  readonly steps: readonly ScenarioStep[];
}

/** A scenario file that could not be read; every problem names its place. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly problems: readonly string[]) {
    super(`scenarios rejected:\n  ${problems.join('\n  ')}`);
  }
}

const topKeys = new Set(['name', 'world', 'group', 'user', 'skip', 'steps']);
const checks = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();
const checkOf = (schema: TSchema) => {
  let check = checks.get(schema);
  if (!check) checks.set(schema, (check = TypeCompiler.Compile(schema)));
  return check;
};

/**
 * The schema to report a bad value against: for a step with a shorthand (`say: text` or
 * `say: {text, from, ...}`), the form the value was written in, so the problem names the field
 * ("steps.0.say.txt: unknown key") rather than "expected union value".
 */
function formOf(schema: TSchema, value: unknown): TSchema {
  const members = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!members) return schema;
  const shape = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const same = members.filter((member) => member.type === shape || (shape === 'number' && member.type === 'integer'));
  return same.length === 1 ? same[0]! : schema;
}

/** Why a path could not be read, in the words of its error code (ENOENT, EACCES, ELOOP, ...). */
const unreadable = (path: string, error: NodeJS.ErrnoException) =>
  error.code === 'ENOENT' ? `${path}: no such file or folder` : `${path}: cannot read (${error.code ?? error.message})`;

/**
 * The `.yaml` / `.yml` files named, folders searched recursively, in a stable order, and the
 * paths that could not be read (a dangling link, a folder without permission): those are the
 * person's to fix, so they are problems like a bad step, not internal errors.
 */
async function scenarioFiles(paths: readonly string[]): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  const visit = async (path: string) => {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => void problems.push(unreadable(path, error)));
    if (!info) return;
    if (!info.isDirectory()) return void files.push(resolve(path));
    const entries = await readdir(path).catch((error: NodeJS.ErrnoException) => void problems.push(unreadable(path, error)));
    for (const entry of (entries ?? []).sort()) {
      const child = join(path, entry);
      if (['.yaml', '.yml'].includes(extname(entry).toLowerCase())) await visit(child);
      // Other entries count only as folders: a dangling link to a README is none of the run's business.
      else if ((await stat(child).catch(() => undefined))?.isDirectory()) await visit(child);
    }
  };
  for (const path of paths) await visit(path);
  return { files, problems };
}

/** Reads and checks scenario files; throws `ScenarioError` listing every problem in all of them. */
export async function loadScenarios(paths: readonly string[]): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const { files, problems } = await scenarioFiles(paths);
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      problems.push(unreadable(file, error));
    });
    if (text === undefined) continue;
    // Without pretty errors a YAML error is one line; the line counter gives its place instead.
    const lines = new LineCounter();
    const documents = parseAllDocuments(text, { prettyErrors: false, lineCounter: lines });
    const list = Array.isArray(documents) ? documents : [documents];
    list.forEach((document, index) => {
      const where = list.length > 1 ? `${file} (scenario ${index + 1})` : file;
      if (document.errors.length > 0) {
        problems.push(
          ...document.errors.map((error) => {
            const { line, col } = lines.linePos(error.pos[0]);
            return `${where}: line ${line}, column ${col}: ${error.message}`;
          }),
        );
        return;
      }
      const parsed = readScenario(document.toJS(), file, list.length > 1 ? index + 1 : undefined);
      if ('problems' in parsed) problems.push(...parsed.problems.map((problem) => `${where}: ${problem}`));
      else scenarios.push(parsed);
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return scenarios;
}

/**
 * Reads and checks the world files a run will start from (each scenario's `world:` path, else the
 * run's `--world`) as `--world` checks one; throws `ScenarioError` listing every problem. A
 * missing or broken world file is then a usage error (exit 2) before anything starts, rather than
 * the failure of every scenario that uses it (exit 1, which tells CI the bot is broken).
 */
export async function checkWorldFiles(scenarios: readonly Scenario[], runWorld: string | undefined): Promise<void> {
  const paths = new Set<string>();
  for (const scenario of scenarios) {
    const world = scenario.world ?? runWorld;
    if (typeof world === 'string') paths.add(resolve(world));
  }
  const problems: string[] = [];
  for (const path of paths) {
    let input: unknown;
    try {
      input = await readWorldFile(path);
    } catch (error) {
      // The reader's message names the file: "cannot read world file <path>: ...", "... is not valid YAML: ...".
      problems.push((error as Error).message);
      continue;
    }
    problems.push(...validateWorldFile(input).map((problem) => `${path}: ${problem}`));
  }
  if (problems.length > 0) throw new ScenarioError(problems);
}

/**
 * An inline world's problems, each placed under `world` (`world.accounts.0.nickname: ...`): the
 * checks `--world` runs on a world file. Checked with the file, because the test world is
 * prepared from it before Catnap would refuse it, and that preparation assumes a valid world
 * (`world: {accounts: 3}` failed the run as "accounts.find is not a function", exit 1).
 */
function inlineWorldProblems(world: unknown): string[] {
  return validateWorldFile(world).map((problem) => {
    // The validator names the whole file "(root)", or "world file" for a forbidden key.
    const root = /^(\(root\)|world file)(?=[.:])/.exec(problem);
    return root ? `world${problem.slice(root[0].length)}` : `world.${problem}`;
  });
}

/** One scenario document checked against its schema, step by step, so each problem names its step. */
export function readScenario(input: unknown, file: string, ordinal?: number): Scenario | { problems: string[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { problems: ['a scenario is a mapping with "steps"'] };
  const doc = input as Record<string, unknown>;
  const problems = Object.keys(doc)
    .filter((key) => !topKeys.has(key))
    .map((key) => `${key}: unknown key (a scenario has ${[...topKeys].join(', ')})`);
  const uin = (key: string) => {
    const value = doc[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < 10000)) problems.push(`${key}: expected a QQ number`);
    return value as number | undefined;
  };
  const group = uin('group');
  const user = uin('user');
  if (doc.name !== undefined && typeof doc.name !== 'string') problems.push('name: expected text');
  const inline = doc.world !== null && typeof doc.world === 'object' && !Array.isArray(doc.world);
  if (doc.world !== undefined && typeof doc.world !== 'string' && !inline) problems.push('world: expected a world file path or a world');
  if (inline) problems.push(...inlineWorldProblems(doc.world));
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) problems.push('steps: expected a list of steps');
  const steps: ScenarioStep[] = [];
  // The names `mark` steps gave so far: an expectation's `since` must name one of them.
  const marks = new Set<string>();
  (Array.isArray(doc.steps) ? doc.steps : []).forEach((step: unknown, index) => {
    const keys = step && typeof step === 'object' && !Array.isArray(step) ? Object.keys(step) : [];
    if (keys.length !== 1) {
      problems.push(`steps.${index}: a step is one key naming what happens (${[...stepsByName.keys()].join(', ')})`);
      return;
    }
    const name = keys[0]!;
    const spec = stepsByName.get(name);
    if (!spec) {
      problems.push(`steps.${index}: unknown step "${name}" (known: ${[...stepsByName.keys()].join(', ')})`);
      return;
    }
    const value = (step as Record<string, unknown>)[name];
    if (!checkOf(spec.schema).Check(value)) {
      const form = formOf(spec.schema, value);
      problems.push(
        ...describeProblems(checkOf(form).Errors(value), '', 5).map(
          (line) => `steps.${index}.${name}${line.startsWith(':') ? '' : '.'}${line}`,
        ),
      );
      return;
    }
    const unmet = unmetNeeds(spec.needs, value, { group, user });
    if (unmet.length > 0) {
      problems.push(...unmet.map((problem) => `steps.${index}.${name}: ${problem}`));
      return;
    }
    const markProblem = checkMarks(name, value, marks);
    if (markProblem !== undefined) {
      problems.push(`steps.${index}.${name}${markProblem}`);
      return;
    }
    steps.push({ spec, value: Value.Clone(value) });
  });
  if (problems.length > 0) return { problems };
  const world = typeof doc.world === 'string' ? resolve(dirname(file), doc.world) : (doc.world as Record<string, unknown> | undefined);
  const fallback = basename(file, extname(file)) + (ordinal !== undefined ? ` #${ordinal}` : '');
  return {
    file,
    name: (doc.name as string | undefined) ?? fallback,
    ...(world !== undefined && { world }),
    ...(group !== undefined && { group }),
    ...(user !== undefined && { user }),
    skip: doc.skip === true,
    steps,
  };
}

/**
 * A `mark` step's name must be new in its scenario, and a `since` must name a mark an earlier step
 * made (a later one, or a typo, could only fail halfway through the run). Adds the mark's name.
 */
function checkMarks(step: string, value: unknown, marks: Set<string>): string | undefined {
  if (step === 'mark') {
    const name = value as string;
    if (marks.has(name)) return `: an earlier step already made the mark "${name}"; give each mark its own name`;
    marks.add(name);
    return undefined;
  }
  const since = value !== null && typeof value === 'object' ? (value as { since?: unknown }).since : undefined;
  if (typeof since === 'string' && !marks.has(since))
    return `.since: no earlier "mark" step named "${since}" (add "- mark: ${since}" above)`;
  return undefined;
}
