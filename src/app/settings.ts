import { randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { defaultMessageLimits } from '../onebot/message/message-limits.js';
import { defaultSendLimits } from '../world/limits/send-limits.js';
import { defaultRequestTimeoutMs } from '../util/http-timeouts.js';
import { ensurePrivateDir, privateFileMode, replacePrivateFile } from '../util/private-files.js';
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
        /**
         * `Host` names (no port) the web UI answers besides loopback ones (`"*"`: any). Empty: only
         * loopback names while it listens on loopback (DNS rebinding), any once it listens beyond.
         */
        allowedHosts: Type.Array(Type.String({ pattern: '^(\\*|[A-Za-z0-9._-]+|\\[?[0-9A-Fa-f:.]+\\]?)$' }), { default: [] }),
      },
      { ...strict, default: {} },
    ),
    api: Type.Object(
      {
        /** Largest HTTP body (and WebSocket frame) accepted, in bytes. */
        bodyLimit: Type.Integer({ minimum: 1024, default: 64 * MiB }),
        /** Longest a client may take to send one HTTP request, headers and body (every HTTP server). */
        requestTimeoutMs: Type.Integer({ minimum: 1000, default: defaultRequestTimeoutMs }),
        /** Gap between two `_rate_limited` calls of one account. */
        rateLimitIntervalMs: Type.Integer({ minimum: 0, default: 500 }),
        /** Calls that may wait in one account's `_async` / `_rate_limited` queue. */
        queueLimit: Type.Integer({ minimum: 1, default: 1000 }),
        /** Deepest nesting of action params and `echo` accepted (deeper: 1400, echo not sent back). */
        maxJsonDepth: Type.Integer({ minimum: 8, maximum: 1000, default: 32 }),
        /**
         * Origins of web pages that may call adapters without a token (`"*"`: any). Empty: none;
         * adapters with a token serve pages regardless (see network/browser-guard.ts).
         */
        allowedOrigins: Type.Array(Type.String({ pattern: '^(\\*|https?://[^/]+)$' }), { default: [] }),
      },
      { ...strict, default: {} },
    ),
    message: Type.Object(
      {
        /** UTF-8 bytes of text in one message (text, json, xml, markdown, card texts; not media). */
        maxTextBytes: Type.Integer({ minimum: 1024, default: defaultMessageLimits.maxTextBytes }),
        /** Segments in one message, at every level of a merged forward. */
        maxSegments: Type.Integer({ minimum: 1, default: defaultMessageLimits.maxSegments }),
        /** Nodes of one merged forward, nested ones included. */
        maxForwardNodes: Type.Integer({ minimum: 1, default: defaultMessageLimits.maxForwardNodes }),
      },
      { ...strict, default: {} },
    ),
    /** QQ's limits on sending, as rules of the world (docs/faults.md); 0 turns one off. QQ's unknown numbers are off by default. */
    limits: Type.Object(
      {
        /** Messages one account may send to one group within a minute. */
        groupMessagesPerMinute: Type.Integer({ minimum: 0, default: defaultSendLimits.groupMessagesPerMinute }),
        /** Messages one account may send within a minute, every chat together. */
        accountMessagesPerMinute: Type.Integer({ minimum: 0, default: defaultSendLimits.accountMessagesPerMinute }),
        /** Characters of text in one message. */
        messageChars: Type.Integer({ minimum: 0, default: defaultSendLimits.messageChars }),
        /** Bytes of one image in a message. */
        imageBytes: Type.Integer({ minimum: 0, default: defaultSendLimits.imageBytes }),
        /** @all messages a group's admins may send in a day together (QQ: 10). */
        atAllPerGroupDaily: Type.Integer({ minimum: 0, default: defaultSendLimits.atAllPerGroupDaily }),
        /** @all messages one admin may send in a group in a day (QQ: 10). */
        atAllPerUserDaily: Type.Integer({ minimum: 0, default: defaultSendLimits.atAllPerUserDaily }),
      },
      { ...strict, default: {} },
    ),
    faults: Type.Object(
      {
        /** How long a zombie account's sends hang before NapCat's Timeout answer (NapCat's timeout.baseTimeout). */
        sendTimeoutMs: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 }),
      },
      { ...strict, default: {} },
    ),
    media: Type.Object(
      {
        /**
         * Folders bots may name local media files in. Empty: any file while Catnap listens on
         * loopback only, none once anything listens beyond it. The data folder is never read.
         */
        fileRoots: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
        /** Largest media source accepted, in bytes. */
        maxBytes: Type.Integer({ minimum: 1024, default: 100 * MiB }),
        /** Longest an http(s) media download may take. */
        downloadTimeoutMs: Type.Integer({ minimum: 100, default: 30000 }),
        /**
         * Whether media downloads may reach loopback, private, link-local, CGNAT and cloud
         * metadata addresses. Off: a bot cannot make Catnap fetch what the bot could not.
         */
        allowPrivateNetworks: Type.Boolean({ default: false }),
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

export interface LoadedSettings {
  readonly settings: Settings;
  /** Whether the web UI token was generated by this load (only then is it printed). */
  readonly generatedToken: boolean;
}

/** Loads `path`, creating it with defaults (and a fresh web UI token) when it does not exist. */
export async function loadSettingsFile(path: string): Promise<LoadedSettings> {
  let raw: unknown = {};
  let exists = true;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') exists = false;
    else throw new SettingsError(`${path}: ${(error as Error).message}`);
  }
  const settings = parseSettings(raw, path);
  const generatedToken = !exists || settings.webui.token === '';
  // It holds the web UI token: never readable by others, also when an older version wrote it.
  if (exists) await chmod(path, privateFileMode);
  if (generatedToken) {
    settings.webui.token = randomBytes(18).toString('base64url');
    await ensurePrivateDir(dirname(path));
    await replacePrivateFile(path, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return { settings, generatedToken };
}

/**
 * Saves a web UI token given with `--webui-token` or CATNAP_WEBUI_TOKEN into catnap.json, so the
 * next start without the flag keeps the same token (and the console stays logged in).
 */
export async function saveWebuiToken(path: string, settings: Settings, token: string): Promise<void> {
  if (settings.webui.token === token) return;
  const saved = { ...settings, webui: { ...settings.webui, token } };
  await ensurePrivateDir(dirname(path));
  await replacePrivateFile(path, `${JSON.stringify(saved, null, 2)}\n`);
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
