import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { badParams } from './error-catalogue.js';

/**
 * Validates and coerces one action's params. The schema is compiled once, when the action is
 * registered. The caller's object is never changed: params that are already well typed are taken
 * as a shallow copy with the top-level defaults filled in (the common case, and the cheap one);
 * anything else is deep-copied, converted (numeric strings to numbers, "true" to true, ...),
 * defaulted and checked again. Handlers must treat their params as read-only.
 */
export class ParamsValidator<S extends TSchema> {
  readonly #check: TypeCheck<S>;
  /** Top-level property defaults, when every default of the schema sits at the top level. */
  readonly #topDefaults: [string, unknown][] | undefined;

  constructor(readonly schema: S) {
    this.#check = TypeCompiler.Compile(schema);
    this.#topDefaults = topLevelDefaults(schema);
  }

  /** Returns coerced, defaulted params, or throws BAD_PARAMS naming the first bad field. */
  parse(input: unknown): Static<S> {
    if (input === undefined || input === null) input = {};
    if (typeof input !== 'object' || Array.isArray(input)) {
      throw badParams(`params must be a JSON object, got ${Array.isArray(input) ? 'an array' : typeof input}`);
    }
    if (this.#topDefaults) {
      const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
      for (const [key, value] of this.#topDefaults) {
        if (copy[key] === undefined) copy[key] = typeof value === 'object' && value !== null ? Value.Clone(value) : value;
      }
      if (this.#check.Check(copy)) return copy as Static<S>;
    }
    const value = Value.Default(this.schema, Value.Convert(this.schema, Value.Clone(input)));
    if (this.#check.Check(value)) return value;
    const first = this.#check.Errors(value).First();
    if (!first) throw badParams('params are invalid');
    const field = first.path.replace(/^\//, '').replaceAll('/', '.') || 'params';
    const got = first.value === undefined ? '' : ` (got ${preview(first.value)})`;
    throw badParams(`${field}: ${first.message.replace(/^Expected required property$/, 'is required')}${got}`);
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The defaults of an object schema's own properties, or undefined when the schema is not a plain
 * object or has defaults deeper down (then only the full Value.Default pass is correct).
 */
function topLevelDefaults(schema: TSchema): [string, unknown][] | undefined {
  if ((schema as { type?: string }).type !== 'object' || !schema.properties) return undefined;
  const defaults: [string, unknown][] = [];
  for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    if (hasDefault(property, true)) return undefined;
    if (property.default !== undefined) defaults.push([key, property.default]);
  }
  return defaults;
}

/** Whether a schema has a default anywhere below its own top (or at it, unless `skipSelf`). */
function hasDefault(schema: unknown, skipSelf = false): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  if (!skipSelf && 'default' in schema) return true;
  return Object.entries(schema).some(([key, child]) => key !== 'default' && typeof child === 'object' && hasDefault(child));
}
