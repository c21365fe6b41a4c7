import fc from 'fast-check';
import type { z } from 'zod';
import { hostile } from './schema-arbitrary.js';

/** The parts of a zod 4 schema definition the generator reads. */
interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly entries?: Record<string, string>;
  readonly values?: readonly unknown[];
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * A plausible value for a Milky input schema (ids of the test world, short strings, URIs that
 * point at nothing or at files Catnap must refuse), walking the zod 4 definition the spec's
 * package ships: what OneBot's fuzz derives from TypeBox, for zod.
 */
export function zodPlausible(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def.shape ?? {});
      return fc.record(Object.fromEntries(entries.map(([key, sub]) => [key, zodPlausible(sub, depth + 1)])), { requiredKeys: [] });
    }
    case 'number':
    case 'int':
      return fc.oneof(fc.constantFrom(10001, 10002, 20001, 20002, 20003, 30001, 30002, 1, 0, 5), fc.integer({ min: -5, max: 100 }));
    case 'string':
      return fc.oneof(
        fc.constantFrom('', 'hello', '14', '30001', '/', 'base64://aGk=', 'file:///etc/shadow', 'http://127.0.0.1:1/x', '../../x'),
        fc.string({ maxLength: 12 }),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(zodPlausible(def.element!, depth + 1), { maxLength: 3 });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => zodPlausible(option, depth + 1)));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'catch':
    case 'readonly':
      return fc.oneof({ weight: 4, arbitrary: zodPlausible(def.innerType!, depth + 1) }, { weight: 1, arbitrary: fc.constant(null) });
    case 'pipe':
      return zodPlausible(def.in!, depth);
    case 'lazy':
      return zodPlausible(def.getter!(), depth);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Input for a fuzz run: plausible input, then one field replaced, removed or made hostile. */
export function fuzzInput(schema: z.ZodType | null): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant({}), hostile, fc.dictionary(fc.string({ maxLength: 5 }), hostile, { maxKeys: 2 }));
  const keys = Object.keys(defOf(schema).shape ?? {});
  const base = zodPlausible(schema);
  const broken = fc
    .tuple(base, fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), hostile, fc.boolean())
    .map(([input, key, value, remove]) => {
      const copy = { ...(input as Record<string, unknown>) };
      if (remove) delete copy[key];
      else copy[key] = value;
      return copy;
    });
  return fc.oneof({ weight: 2, arbitrary: base }, { weight: 3, arbitrary: broken }, { weight: 1, arbitrary: hostile });
}
