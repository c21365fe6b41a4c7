import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';

/**
 * fast-check arbitraries for an action's params, derived from its TypeBox schema: mostly
 * plausible values with one field broken in one of the ways clients get it wrong (wrong type,
 * missing, huge, deeply nested, odd unicode, prototype keys).
 */
export const hostile = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('__proto__'),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(200_000)),
  fc.constant('\u0000\uD800\uFFFF[CQ:at,qq=all]&#91;'),
  fc.integer(),
  fc.double(),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.constant(-1),
  fc.constant(2 ** 31),
  fc.boolean(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.constant(deep(200)),
  fc.anything({ maxDepth: 3 }),
);

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { nested: value };
  return value;
}

/** A plausible value for a schema (ids from the test world, short strings, small ints). */
export function plausible(schema: TSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(null);
  const type = (schema as { type?: string }).type;
  if (schema.anyOf) return fc.oneof(...(schema.anyOf as TSchema[]).map((sub) => plausible(sub, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (type) {
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom(10001, 10002, 20001, 20002, 30001, 30002, 1, 0, 5), fc.integer({ min: -5, max: 100 }));
    case 'string':
      return fc.oneof(
        fc.constantFrom('', 'hello', '30001', '20001', 'base64://aGk=', '/etc/passwd', '../../x', 'file:///etc/shadow'),
        fc.string({ maxLength: 12 }),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(((schema as unknown as { items?: TSchema }).items ?? {}) as TSchema, depth + 1), { maxLength: 3 });
    case 'object': {
      const properties = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
      const entries = Object.entries(properties);
      if (entries.length === 0) return fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { maxKeys: 2 });
      return fc.record(Object.fromEntries(entries.map(([key, sub]) => [key, plausible(sub, depth + 1)])), { requiredKeys: [] });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Params for a fuzz run: plausible params, then one field replaced, removed or made hostile. */
export function fuzzParams(schema: TSchema): fc.Arbitrary<unknown> {
  const properties = Object.keys((schema as { properties?: Record<string, TSchema> }).properties ?? {});
  const base = plausible(schema);
  const broken = fc
    .tuple(base, fc.constantFrom(...(properties.length > 0 ? properties : ['x'])), hostile, fc.boolean())
    .map(([params, key, value, remove]) => {
      const copy = { ...(params as Record<string, unknown>) };
      if (remove) delete copy[key];
      else copy[key] = value;
      return copy;
    });
  return fc.oneof({ weight: 1, arbitrary: base }, { weight: 3, arbitrary: broken }, { weight: 1, arbitrary: hostile });
}
