import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';

/**
 * An account's Milky settings (`config/milky_<uin>.json`, or `accounts[].milky` in a world file),
 * shaped like LLBot's `milky` section so an LLBot user can copy theirs in: an HTTP server (API,
 * WebSocket and SSE events) at host:port under a path prefix, WebHook URLs events are POSTed to,
 * and whether the account's own messages are reported. The defaults are LLBot's, except that a
 * section written out means "serve Milky": `enable` defaults to true (set it to false to keep the
 * section and stop the server). Unknown fields are kept and ignored, as for OneBot configs.
 */
export const MilkyConfigSchema = Type.Object({
  enable: Type.Boolean({ default: true }),
  http: Type.Object(
    {
      host: Type.String({ default: '127.0.0.1' }),
      port: Type.Integer({ minimum: 0, maximum: 65535, default: 3010 }),
      prefix: Type.String({ default: '', maxLength: 200, pattern: '^[^?#\\s\\\\]*$' }),
      accessToken: Type.String({ default: '' }),
    },
    { default: {} },
  ),
  webhook: Type.Object(
    {
      urls: Type.Array(Type.String({ pattern: '^https?://' }), { default: [], maxItems: 50 }),
      accessToken: Type.String({ default: '' }),
    },
    { default: {} },
  ),
  reportSelfMessage: Type.Boolean({ default: false }),
});

export type MilkyConfig = Static<typeof MilkyConfigSchema>;

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
