import type { TSchema } from '@sinclair/typebox';
import type { ActionContext, AnyActionSpec, Dialect, DialectVariant } from './action.js';
import { ParamsValidator } from './params.js';

/** How a resolved name is run: directly, or queued by the `_async` / `_rate_limited` suffix. */
export type CallMode = 'direct' | 'async' | 'rate_limited';

/** How one action runs under one dialect: its params, its result schema and its handler. */
export interface ActionRunner {
  readonly validator: ParamsValidator<TSchema>;
  readonly result: TSchema;
  /** The variant's note, when this dialect differs from NapCat. */
  readonly note?: string;
  run(ctx: ActionContext, params: unknown): unknown;
}

export interface RegisteredAction {
  readonly spec: AnyActionSpec;
  readonly validator: ParamsValidator<TSchema>;
  /** How the action runs under a dialect (NapCat's runner where the dialect declares no difference). */
  runner(dialect: Dialect): ActionRunner;
}

export interface ResolvedAction extends RegisteredAction {
  readonly mode: CallMode;
  /** The name the caller used, without a suffix. */
  readonly calledAs: string;
}

const suffixes: readonly [string, CallMode][] = [
  ['_rate_limited', 'rate_limited'],
  ['_async', 'async'],
];

/**
 * The one table of actions. Each spec is registered under its name and aliases; its params schema
 * is compiled here, once. A name registered twice is a programming error and throws at startup.
 */
export class ActionTable {
  readonly #byName = new Map<string, RegisteredAction>();
  /** Resolutions by the name called, built once per name (resolve is on every call's path). */
  readonly #resolved = new Map<string, ResolvedAction | null>();
  readonly #specs: AnyActionSpec[] = [];

  constructor(specs: readonly AnyActionSpec[] = []) {
    for (const spec of specs) this.register(spec);
  }

  register(spec: AnyActionSpec): void {
    this.#resolved.clear();
    const entry = registered(spec);
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (this.#byName.has(name)) throw new Error(`action ${name} is registered twice`);
      this.#byName.set(name, entry);
    }
    this.#specs.push(spec);
  }

  /** Finds an action by name or alias, with an optional `_async` / `_rate_limited` suffix. */
  resolve(name: string): ResolvedAction | undefined {
    let resolved = this.#resolved.get(name);
    if (resolved === undefined) {
      resolved = this.#resolveUncached(name) ?? null;
      // Unknown names are not remembered, so a flood of random names cannot grow the map.
      if (resolved) this.#resolved.set(name, resolved);
    }
    return resolved ?? undefined;
  }

  #resolveUncached(name: string): ResolvedAction | undefined {
    const direct = this.#byName.get(name);
    if (direct) return { ...direct, mode: 'direct', calledAs: name };
    for (const [suffix, mode] of suffixes) {
      if (!name.endsWith(suffix)) continue;
      const base = name.slice(0, -suffix.length);
      const entry = this.#byName.get(base);
      if (entry) return { ...entry, mode, calledAs: base };
    }
    return undefined;
  }

  /** Every registered spec, in registration order. */
  specs(): readonly AnyActionSpec[] {
    return this.#specs;
  }

  /** Every name a client may call (names and aliases, without suffixes). */
  names(): string[] {
    return [...this.#byName.keys()];
  }
}

/** Compiles an action's params once per distinct schema and builds its runner per dialect. */
function registered(spec: AnyActionSpec): RegisteredAction {
  const validator = new ParamsValidator(spec.params);
  const napcat: ActionRunner = { validator, result: spec.result, run: (ctx, params) => spec.handler(ctx, params) };
  const runners = new Map<Dialect, ActionRunner>([['napcat', napcat]]);
  for (const [dialect, variant] of Object.entries(spec.dialects ?? {}) as [Dialect, DialectVariant][]) {
    runners.set(dialect, variantRunner(spec, dialect, variant, napcat));
  }
  return { spec, validator, runner: (dialect) => runners.get(dialect) ?? napcat };
}

function variantRunner(spec: AnyActionSpec, dialect: Dialect, variant: DialectVariant, napcat: ActionRunner): ActionRunner {
  const where = `action ${spec.name}, dialect ${dialect}`;
  if (variant.note.trim().length < 10) throw new Error(`${where}: say what differs in its note`);
  const result = variant.result ?? spec.result;
  const { handler, reshape } = variant;
  if (handler && !reshape) {
    const validator = variant.params ? new ParamsValidator(variant.params) : napcat.validator;
    return { validator, result, note: variant.note, run: (ctx, params) => handler.call(variant, ctx, params) };
  }
  if (reshape && !handler && !variant.params) {
    return {
      validator: napcat.validator,
      result,
      note: variant.note,
      run: async (ctx, params) => reshape.call(variant, await spec.handler(ctx, params), params, ctx),
    };
  }
  throw new Error(`${where}: give either a handler (with its own params, if any) or a reshape of NapCat's result`);
}
