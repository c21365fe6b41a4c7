import { Kind, type TSchema, type Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { badParams } from './error-catalogue.js';

/**
 * Validates and coerces one action's params. The schema is compiled once, when the action is
 * registered. The caller's object is never changed: params that are already well typed are taken
 * as a shallow copy with the top-level defaults filled in (the common case, and the cheap one);
 * anything else is deep-copied, converted (decimal strings to integers, "true" to true, ...),
 * defaulted and checked again. Handlers must treat their params as read-only.
 *
 * Integers are strict: a number that is a safe integer, or a string of decimal digits within the
 * safe range. TypeBox's conversion would read "1e3" as 1, "0x7533" as 30003, 30003.5 as 30003,
 * true as 1, and 2^53+1 as 2^53; each of those is a 1400 that names the field instead.
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
    const converted = Value.Convert(this.schema, Value.Clone(input));
    const loose = looseInteger(this.schema, input, converted, '');
    if (loose) {
      throw badParams(
        `${loose.path || 'params'}: must be an integer (a number, or a string of decimal digits) within ±${Number.MAX_SAFE_INTEGER} (got ${preview(loose.given)})`,
      );
    }
    const value = Value.Default(this.schema, converted);
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

const decimalInteger = /^-?\d+$/;

function isStrictInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && decimalInteger.test(value) && Number.isSafeInteger(Number(value));
}

/**
 * The first place where the schema wants an integer and the caller gave something that is not a
 * strict integer but was converted into one, with its dotted path and the value given.
 */
function looseInteger(schema: TSchema, given: unknown, converted: unknown, path: string): { path: string; given: unknown } | undefined {
  if (given === undefined) return undefined;
  switch (schema[Kind]) {
    case 'Integer':
      return isStrictInteger(given) ? undefined : { path, given };
    case 'Union': {
      const kinds = (schema.anyOf as TSchema[]).map((member) => member[Kind]);
      // Converted into a number by an integer member (a string member would have kept it).
      const intoInteger = typeof converted === 'number' && given !== converted && kinds.includes('Integer') && !kinds.includes('Number');
      return intoInteger && !isStrictInteger(given) ? { path, given } : undefined;
    }
    case 'Object': {
      if (!isRecord(given) || !isRecord(converted)) return undefined;
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
        const found = looseInteger(property, given[key], converted[key], path ? `${path}.${key}` : key);
        if (found) return found;
      }
      return undefined;
    }
    case 'Array': {
      if (!Array.isArray(given) || !Array.isArray(converted)) return undefined;
      for (let index = 0; index < given.length; index++) {
        const found = looseInteger(schema.items as TSchema, given[index], converted[index], path ? `${path}.${index}` : String(index));
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
