import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { TestWorld } from '../test-world.js';
import type { Mark } from '../bench-api.js';
import { whoMissing, type StepNeeds } from './step-needs.js';

/** What every step sees: the world, the scenario's defaults, and where its files are. */
export interface StepContext {
  readonly world: TestWorld;
  /** The scenario's default group (say and expect happen there unless a step says otherwise). */
  readonly group: number | undefined;
  /** The scenario's default speaker. */
  readonly user: number | undefined;
  /** The bot's account. */
  readonly botId: number;
  /** The scenario file's folder, for relative paths. */
  readonly dir: string;
  /** The points its `mark` steps named so far, for an expectation's `since`. */
  readonly marks: Map<string, Mark>;
}

/**
 * One kind of step: the key that names it in a scenario (`say`, `expect`, ...), the schema of its
 * value (shorthand included), what it does, and how the progress line names it. Adding a step is
 * adding one of these to the table in `steps.ts`.
 */
export interface StepSpec<S extends TSchema = TSchema> {
  readonly name: string;
  readonly summary: string;
  readonly schema: S;
  /** Who, which group or which field it needs, checked when the file is read (see `StepNeeds`). */
  readonly needs?: StepNeeds;
  run(ctx: StepContext, value: Static<S>): Promise<void>;
  describe(value: Static<S>, ctx: Pick<StepContext, 'group' | 'user'>): string;
}

export function defineStep<S extends TSchema>(spec: StepSpec<S>): StepSpec {
  return spec as unknown as StepSpec;
}

/** A QQ number (account or group). */
export const Uin = Type.Integer({ minimum: 10000, maximum: Number.MAX_SAFE_INTEGER });

/** A duration: milliseconds, or a number with a unit ("500ms", "2s", "10m", "1h", "1d"). */
export const Duration = Type.Union([
  Type.Integer({ minimum: 0 }),
  Type.String({ pattern: '^\\d+(\\.\\d+)?(ms|s|m|h|d)$', description: 'e.g. "500ms", "2s", "10m", "1h", "1d"' }),
]);
export type Duration = Static<typeof Duration>;

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(value: Duration): number {
  if (typeof value === 'number') return value;
  const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value)!;
  return Math.round(Number(amount) * unitMs[unit!]!);
}

/** OneBot message segments. */
export const Segments = Type.Array(
  Type.Object({ type: Type.String({ minLength: 1 }), data: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
  { minItems: 1 },
);

export const strict = { additionalProperties: false } as const;

/** The group a step happens in: its own `group`, else the scenario's, unless it says `private: true`. */
export function groupOf(step: { group?: number; private?: boolean }, ctx: Pick<StepContext, 'group'>): number | undefined {
  if (step.private) return undefined;
  return step.group ?? ctx.group;
}

export function userOf(step: { from?: number }, ctx: Pick<StepContext, 'user'>, what: string): number {
  const user = step.from ?? ctx.user;
  if (user === undefined) throw new Error(`${what}: ${whoMissing('from')}`);
  return user;
}

export const where = (group: number | undefined, peer?: number) =>
  group !== undefined ? `in group ${group}` : peer !== undefined ? `privately with ${peer}` : 'privately';
