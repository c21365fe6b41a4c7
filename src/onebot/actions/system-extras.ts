import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import { badParams } from '../error-catalogue.js';

const domain = P.str('Domain the cookies are for (qun.qq.com, ...); empty gives only uin and skey', { default: '', maxLength: 253 });

/**
 * check_url_safely's levels, as go-cqhttp defines them: 1 safe, 2 unknown, 3 dangerous. QQ asks
 * its URL-reputation service; Catnap has none, so it judges the URL itself: schemes that run or
 * read things locally are dangerous, hosts that hide what they are (IP literals, punycode,
 * credentials in the URL) are unknown, other web URLs are safe.
 */
export function urlSafety(raw: string): 1 | 2 | 3 {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badParams(`url: ${JSON.stringify(raw)} is not a URL`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) return 3;
  const host = url.hostname;
  const ipLiteral = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (ipLiteral || host.split('.').some((label) => label.startsWith('xn--')) || url.username || url.password || !host.includes('.'))
    return 2;
  return 1;
}

/** One running adapter of the account, as get_online_clients lists it (go-cqhttp's device, with Catnap's adapter state). */
const OnlineClient = Type.Object({
  app_id: Type.Integer(),
  device_name: Type.String({ description: "The adapter's name" }),
  device_kind: Type.String({ description: 'Its kind (httpServers, websocketClients, ...)' }),
  state: Type.String(),
  endpoint: Type.String(),
  clients: Type.Integer(),
});

/** Credentials issued by the world, process control, and the go-cqhttp odds and ends. */
export const systemExtrasActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_cookies',
    origin: 'onebot11',
    summary: "The account's web cookies, issued by the world (stable per account and domain)",
    params: P.object({ domain }),
    result: Type.Object({ cookies: Type.String(), bkn: Type.String() }),
    async handler(ctx, params) {
      const credentials = await ctx.world.credentials.credentials(ctx.selfId, params.domain);
      return { cookies: credentials.cookies, bkn: String(credentials.csrfToken) };
    },
  }),
  defineAction({
    name: 'get_csrf_token',
    origin: 'onebot11',
    summary: "The account's CSRF token (QQ's bkn, computed from its skey cookie)",
    params: P.none(),
    result: Type.Object({ token: Type.Integer() }),
    async handler(ctx) {
      return { token: (await ctx.world.credentials.credentials(ctx.selfId)).csrfToken };
    },
  }),
  defineAction({
    name: 'get_credentials',
    origin: 'onebot11',
    summary: 'Cookies and CSRF token together',
    description: "`token` is NapCat's name; `csrf_token` is OneBot 11's. Both carry the same number.",
    params: P.object({ domain }),
    result: Type.Object({ cookies: Type.String(), token: Type.Integer(), csrf_token: Type.Integer() }),
    async handler(ctx, params) {
      const credentials = await ctx.world.credentials.credentials(ctx.selfId, params.domain);
      return { cookies: credentials.cookies, token: credentials.csrfToken, csrf_token: credentials.csrfToken };
    },
  }),
  defineAction({
    name: 'set_restart',
    origin: 'onebot11',
    summary: "Restart the account's OneBot adapters (after the reply, and after `delay` ms)",
    description:
      'Stops and starts every network adapter of the calling account with its current config; the world and other accounts keep running. Clients reconnect as they would after a NapCat restart.',
    params: P.object({ delay: P.int('Milliseconds to wait before restarting', { default: 0, minimum: 0, maximum: 60000 }) }),
    result: Type.Null(),
    handler(ctx, params) {
      ctx.services.runtime?.restartAdapters(ctx.selfId, params.delay);
      return null;
    },
  }),
  defineAction({
    name: 'bot_exit',
    origin: 'napcat',
    summary: 'Take the account offline: stop its OneBot adapters after the reply (the world keeps running)',
    description:
      "NapCat exits its process; Catnap hosts many accounts, so only this account's adapters stop. Saving its onebot11 config again (or restarting Catnap) brings them back.",
    params: P.none(),
    result: Type.Null(),
    handler(ctx) {
      ctx.services.runtime?.stopAdapters(ctx.selfId, 0);
      return null;
    },
  }),
  defineAction({
    name: 'get_clientkey',
    origin: 'napcat',
    summary: "The account's client key for QQ web login, issued by the world (stable per account)",
    params: P.none(),
    result: Type.Object({ clientkey: Type.String() }),
    async handler(ctx) {
      return { clientkey: await ctx.world.credentials.clientKey(ctx.selfId) };
    },
  }),
  defineAction({
    name: 'nc_get_packet_status',
    origin: 'napcat',
    summary: "Succeeds: everything NapCat's packet backend enables (pokes, titles, file URLs) is native to the world",
    params: P.none(),
    result: Type.Null(),
    handler: () => null,
  }),
  defineAction({
    name: 'clean_cache',
    origin: 'onebot11',
    summary: "Delete the files this account's download_file saved; media the world holds stays",
    description:
      "As NapCat empties its temp folder: the paths download_file answered this account stop working, and downloading again makes them anew. Another account's downloads stay (each NapCat has a temp folder of its own), and blobs and everything messages, files and albums refer to are untouched.",
    params: P.none(),
    result: Type.Null(),
    async handler(ctx) {
      await ctx.world.media.blobs.removeDownloads(ctx.selfId);
      return null;
    },
  }),
  defineAction({
    name: 'check_url_safely',
    origin: 'go-cqhttp',
    summary: 'Judge a URL: level 1 safe, 2 unknown, 3 dangerous (a local judgement, see the docs)',
    params: P.object({ url: P.str('The URL to judge', { minLength: 1 }) }),
    result: Type.Object({ level: Type.Integer() }),
    handler(_ctx, params) {
      return { level: urlSafety(params.url) };
    },
  }),
  defineAction({
    name: 'get_online_clients',
    origin: 'go-cqhttp',
    summary: "The account's running OneBot adapters: the clients it is online through",
    params: P.object({ no_cache: P.optional(P.bool('Ignored: every answer is current')) }),
    result: Type.Array(OnlineClient),
    handler(ctx) {
      return (ctx.services.runtime?.adapters(ctx.selfId) ?? []).map((adapter, index) => ({
        app_id: index + 1,
        device_name: adapter.name,
        device_kind: adapter.kind,
        state: adapter.state,
        endpoint: adapter.endpoint,
        clients: adapter.clients,
      }));
    },
  }),
];
