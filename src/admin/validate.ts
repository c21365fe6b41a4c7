import { TypeGuard, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import { isBytes } from '../contract/admin/route.js';
import { describeProblems } from '../util/schema-problems.js';
import { AdminError } from './admin-errors.js';

const partNames: Record<string, string> = { body: 'request body', params: 'path params', querystring: 'query' };
const roots: Record<string, string> = { body: '(body)', params: '(params)', querystring: '(query)' };

/** The error a route's invalid body answers, by `"<METHOD> <url>"`, when not BAD_REQUEST. */
export type BodyErrors = ReadonlyMap<string, { readonly code: string; readonly message: string }>;

/**
 * Fastify's validator for the admin API: each schema is compiled once by TypeBox, and each request
 * part is converted the way the OneBot params are (path and query strings to numbers and booleans,
 * defaults filled in) before it is checked. A failure is a 400 that lists every problem by field
 * (`invalid request body: colour: unknown key`), so the handler only ever sees valid, typed input.
 * A raw upload body (`Bytes`) only has to be bytes; a missing one is empty.
 */
export function adminValidator(bodyErrors: BodyErrors): FastifySchemaCompiler<TSchema> {
  return ({ schema, httpPart = 'body', method, url }) => {
    if (isBytes(schema)) {
      return (data: unknown) =>
        data === undefined || data === null
          ? { value: new Uint8Array() }
          : data instanceof Uint8Array
            ? { value: data }
            : { error: new AdminError(400, 'BAD_REQUEST', 'the body must be the raw bytes of a file') };
    }
    // Anything goes (the act route's params, which the dispatcher validates): no copy of a large body.
    if (TypeGuard.IsUnknown(schema)) return (data: unknown) => ({ value: data ?? {} });
    const check: TypeCheck<TSchema> = TypeCompiler.Compile(schema);
    const custom = httpPart === 'body' ? bodyErrors.get(`${method} ${url}`) : undefined;
    const fillsDefaults = hasDefaults(schema);
    return (data: unknown) => {
      // Valid as sent with nothing to fill in (a JSON body, nearly always): taken as it is. Copying,
      // converting and defaulting every call of a 1,000-call act-batch cost more than running them.
      if (!fillsDefaults && data !== undefined && data !== null && check.Check(data)) return { value: data };
      const value = Value.Default(schema, Value.Convert(schema, Value.Clone(data ?? {})));
      if (check.Check(value)) return { value };
      const problems = describeProblems(check.Errors(value), roots[httpPart] ?? `(${httpPart})`);
      const message = custom?.message ?? `invalid ${partNames[httpPart] ?? httpPart}: ${problems[0] ?? 'rejected'}`;
      return { error: new AdminError(400, custom?.code ?? 'BAD_REQUEST', message, problems) };
    };
  };
}

/** Whether any part of the schema declares a default (then a valid request may still need filling in). */
function hasDefaults(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  if (Array.isArray(schema)) return schema.some(hasDefaults);
  return Object.entries(schema).some(([key, value]) => key === 'default' || hasDefaults(value));
}
