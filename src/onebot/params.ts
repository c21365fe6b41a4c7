import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { badParams } from './error-catalogue.js';

/**
 * Validates and coerces one action's params. The schema is compiled once, when the action is
 * registered; each call works on a deep copy, so the caller's object is never changed.
 */
export class ParamsValidator<S extends TSchema> {
  readonly #check: TypeCheck<S>;
  constructor(readonly schema: S) {
    this.#check = TypeCompiler.Compile(schema);
  }

  /** Returns coerced, defaulted params, or throws BAD_PARAMS naming the first bad field. */
  parse(input: unknown): Static<S> {
    if (input === undefined || input === null) input = {};
    if (typeof input !== 'object' || Array.isArray(input)) {
      throw badParams(`params must be a JSON object, got ${Array.isArray(input) ? 'an array' : typeof input}`);
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
