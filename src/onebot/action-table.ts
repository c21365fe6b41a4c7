import type { TSchema } from '@sinclair/typebox';
import type { AnyActionSpec } from './action.js';
import { ParamsValidator } from './params.js';

/** How a resolved name is run: directly, or queued by the `_async` / `_rate_limited` suffix. */
export type CallMode = 'direct' | 'async' | 'rate_limited';

export interface RegisteredAction {
  readonly spec: AnyActionSpec;
  readonly validator: ParamsValidator<TSchema>;
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
    const entry: RegisteredAction = { spec, validator: new ParamsValidator(spec.params) };
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
