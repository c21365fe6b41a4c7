import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { MilkyConfigSchema, type MilkyConfig } from '../../contract/milky-config.js';

export * from '../../contract/milky-config.js';

export class MilkyConfigError extends Error {
  override readonly name = 'MilkyConfigError';
}

const check = TypeCompiler.Compile(MilkyConfigSchema);

/** Parses a config object: fills the defaults, normalises the prefix, and names the first bad field. */
export function parseMilkyConfig(input: unknown, source = 'milky config'): MilkyConfig {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new MilkyConfigError(`${source}: must be a JSON object`);
  const value = Value.Default(MilkyConfigSchema, Value.Convert(MilkyConfigSchema, Value.Clone(input)));
  if (!check.Check(value)) {
    const first = check.Errors(value).First();
    const path = first?.path.replace(/^\//, '').replaceAll('/', '.') ?? '';
    throw new MilkyConfigError(`${source}: ${path || 'config'}: ${first?.message ?? 'invalid'}`);
  }
  return { ...value, http: { ...value.http, prefix: normalisePrefix(value.http.prefix) } };
}

/** "" or "/milky" (never a trailing slash), whatever the user wrote ("milky/", "/milky/"). */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
