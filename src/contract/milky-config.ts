import { Type, type Static } from '@sinclair/typebox';

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
      prefix: Type.String({
        default: '',
        maxLength: 200,
        pattern: '^[^?#:*\\s\\\\]*$',
        description: 'A path prefix such as /milky (no query, fragment, colon or star)',
      }),
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
