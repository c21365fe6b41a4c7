import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { OneBotConfigSchema, type OneBotConfig } from '../contract/onebot-config.js';

export * from '../contract/onebot-config.js';

export class OneBotConfigError extends Error {
  override readonly name = 'OneBotConfigError';
}

const check = TypeCompiler.Compile(OneBotConfigSchema);

/** Parses a config object: fills NapCat's defaults, coerces, and names the first bad field. */
export function parseOneBotConfig(input: unknown, source = 'onebot config'): OneBotConfig {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new OneBotConfigError(`${source}: must be a JSON object`);
  const value = defaults(OneBotConfigSchema, Value.Convert(OneBotConfigSchema, Value.Clone(input)));
  if (!check.Check(value)) {
    const first = check.Errors(value).First();
    const path = first?.path.replace(/^\//, '').replaceAll('/', '.') ?? '';
    // A choice among names (messagePostFormat, dialect) says which names it takes.
    const choices = (first?.schema.anyOf as { const?: unknown }[] | undefined)?.map((option) => option.const);
    const message =
      choices && choices.length > 0 && choices.every((choice) => typeof choice === 'string')
        ? `must be one of ${choices.join(', ')}`
        : (first?.message ?? 'invalid');
    throw new OneBotConfigError(`${source}: ${path || 'config'}: ${message}`);
  }
  return value;
}

/** A config with every default written out (what Catnap saves for a new bot). */
export function defaultOneBotConfig(): OneBotConfig {
  return parseOneBotConfig({});
}

function defaults<T extends TSchema>(schema: T, value: unknown): Static<T> {
  return Value.Default(schema, value) as Static<T>;
}
