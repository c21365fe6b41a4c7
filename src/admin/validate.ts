import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { AdminError } from './admin-errors.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** Validates an admin request body against its schema (compiled once), listing every problem. */
export function parseBody<S extends TSchema>(schema: S, body: unknown): Static<S> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  const value = Value.Default(schema, Value.Convert(schema, Value.Clone(body ?? {})));
  if (check.Check(value)) return value as Static<S>;
  const problems = [...check.Errors(value)].slice(0, 20).map((error) => {
    const path = error.path.replace(/^\//, '').replaceAll('/', '.') || '(body)';
    return error.message.startsWith('Unexpected property') ? `${path}: unknown key` : `${path}: ${error.message}`;
  });
  throw new AdminError(400, 'BAD_REQUEST', `invalid request body: ${problems[0]}`, [...new Set(problems)]);
}
