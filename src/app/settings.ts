import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { defaultRobotUinRanges } from '../onebot/runtime-info.js';

/**
 * Catnap-wide settings, `<data>/config/catnap.json`. Validated at load (unknown keys are errors,
 * so a typo does not silently do nothing), written out with every default on first start, then
 * frozen. CLI flags and environment variables override the file (see `resolveSettings`).
 */
const strict = { additionalProperties: false } as const;
const MiB = 1024 * 1024;

export const SettingsSchema = Type.Object(
  {
    webui: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 6099 }),
        /** Generated on first start when empty. */
        token: Type.String({ default: '' }),
      },
      { ...strict, default: {} },
    ),
    api: Type.Object(
      {
        /** Largest HTTP body (and WebSocket frame) accepted, in bytes. */
        bodyLimit: Type.Integer({ minimum: 1024, default: 64 * MiB }),
        /** Gap between two `_rate_limited` calls of one account. */
        rateLimitIntervalMs: Type.Integer({ minimum: 0, default: 500 }),
        /** Calls that may wait in one account's `_async` / `_rate_limited` queue. */
        queueLimit: Type.Integer({ minimum: 1, default: 1000 }),
      },
      { ...strict, default: {} },
    ),
    media: Type.Object(
      {
        /** Local paths media may be read from; empty = any readable file, as NapCat does. */
        fileRoots: Type.Array(Type.String(), { default: [] }),
        /** Largest media source accepted, in bytes. */
        maxBytes: Type.Integer({ minimum: 1024, default: 100 * MiB }),
        /** Longest an http(s) media download may take. */
        downloadTimeoutMs: Type.Integer({ minimum: 100, default: 30000 }),
        /** Base of the URLs media is served at; empty = the web UI address. */
        publicBaseUrl: Type.String({ default: '' }),
      },
      { ...strict, default: {} },
    ),
    translation: Type.Object(
      {
        /** "local" (offline dictionary) or "libretranslate" (a LibreTranslate-compatible server). */
        provider: Type.Union([Type.Literal('local'), Type.Literal('libretranslate')], { default: 'local' }),
        url: Type.String({ default: '' }),
        apiKey: Type.String({ default: '' }),
        timeoutMs: Type.Integer({ minimum: 100, default: 10000 }),
      },
      { ...strict, default: {} },
    ),
    metrics: Type.Object(
      {
        /** Serve GET /metrics without the web UI token (a Prometheus that cannot send one). */
        public: Type.Boolean({ default: false }),
      },
      { ...strict, default: {} },
    ),
    robotUinRanges: Type.Array(Type.Object({ minUin: Type.String(), maxUin: Type.String() }, strict), {
      default: defaultRobotUinRanges.map((range) => ({ ...range })),
    }),
  },
  strict,
);

export type Settings = Static<typeof SettingsSchema>;

const check = TypeCompiler.Compile(SettingsSchema);

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** Validates a settings object (filling defaults); throws naming every bad field. */
export function parseSettings(input: unknown, source = 'catnap.json'): Settings {
  const value = Value.Default(SettingsSchema, Value.Convert(SettingsSchema, Value.Clone(input ?? {})));
  if (check.Check(value)) return value as Settings;
  const problems = [...check.Errors(value)].slice(0, 10).map((error) => {
    const path = error.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    return error.message.startsWith('Unexpected property') ? `${path}: unknown setting` : `${path}: ${error.message}`;
  });
  throw new SettingsError(`${source}: ${[...new Set(problems)].join('; ')}`);
}

/** Loads `path`, creating it with defaults (and a fresh web UI token) when it does not exist. */
export async function loadSettingsFile(path: string): Promise<Settings> {
  let raw: unknown = {};
  let exists = true;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') exists = false;
    else throw new SettingsError(`${path}: ${(error as Error).message}`);
  }
  const settings = parseSettings(raw, path);
  if (!exists || settings.webui.token === '') {
    settings.webui.token = randomBytes(18).toString('base64url');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return settings;
}

export interface SettingsOverrides {
  readonly webuiPort?: number;
  readonly webuiToken?: string;
  readonly host?: string;
}

/** Applies CLI/env overrides and freezes the result. */
export function resolveSettings(settings: Settings, overrides: SettingsOverrides): Readonly<Settings> {
  const resolved = structuredClone(settings);
  if (overrides.webuiPort !== undefined) resolved.webui.port = overrides.webuiPort;
  if (overrides.webuiToken !== undefined) resolved.webui.token = overrides.webuiToken;
  if (overrides.host !== undefined) resolved.webui.host = overrides.host;
  return deepFreeze(resolved);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
