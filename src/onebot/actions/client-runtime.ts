import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { WorldError } from '../../world/errors.js';
import { P } from '../schema.js';

/** The longest a get_event poll waits for an event (ms): a minute, so a call cannot hang a connection for good. */
const maxPollWaitMs = 60_000;

/** What a client asks about its own connection: events by polling, its config, the names served. */
export const clientRuntimeActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_event',
    origin: 'llbot',
    summary: 'Events by polling: those since this key’s last poll (of the account’s last 100), waiting up to `timeout` ms for one',
    description:
      'A key’s first poll starts at the newest event, so it answers what arrives after it. Keys unheard of for five minutes are forgotten. Events are written in the adapter’s message format and dialect.',
    params: P.object({
      key: P.optional(P.str('Poller key: each key has its own cursor', { default: '', maxLength: 256 })),
      timeout: P.optional(P.int('Wait up to this many ms when there is no new event (at most 60000)', { minimum: 0, default: 0 })),
    }),
    result: Type.Array(Type.Object({ post_type: Type.String() }, { additionalProperties: true })),
    async handler(ctx, params) {
      const poll = ctx.services.eventPoll;
      if (!poll) throw new WorldError('SERVICE_UNAVAILABLE', 'events cannot be polled here: no event hub runs');
      const timeout = Math.min(params.timeout ?? 0, maxPollWaitMs);
      return (await poll.poll(ctx.selfId, params.key ?? '', timeout, ctx.messageFormat, ctx.dialect)) as { post_type: string }[];
    },
  }),
  defineAction({
    name: 'get_config',
    origin: 'llbot',
    summary: 'The account’s OneBot config, as onebot11_<uin>.json holds it (the defaults when it has none)',
    description: 'Catnap’s config is NapCat’s network config, not LLBot’s: get_config answers it and set_config takes it.',
    params: P.none(),
    result: Type.Object({ network: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: true }),
    async handler(ctx) {
      const runtime = ctx.services.runtime;
      if (!runtime) throw new WorldError('SERVICE_UNAVAILABLE', 'no config files here: Catnap runs without a network');
      return (await runtime.readConfig(ctx.selfId)) as { network: Record<string, unknown> };
    },
  }),
  defineAction({
    name: 'set_config',
    origin: 'llbot',
    summary: 'Validate, save and apply the account’s OneBot config (NapCat’s format, as get_config answers it)',
    description:
      'Applied at once, as the console’s Bots page applies it: adapters whose entry did not change keep running. An invalid config changes nothing.',
    params: Type.Object({ network: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: true }),
    result: Type.Null(),
    async handler(ctx, params) {
      const runtime = ctx.services.runtime;
      if (!runtime) throw new WorldError('SERVICE_UNAVAILABLE', 'no config files here: Catnap runs without a network');
      await runtime.writeConfig(ctx.selfId, params);
      return null;
    },
  }),
  defineAction({
    name: 'get_supported_actions',
    origin: 'go-cqhttp',
    summary: 'Every action name served (each also answers with `_async` and `_rate_limited`)',
    params: P.none(),
    result: Type.Array(Type.String()),
    handler: (ctx) => [...ctx.actionNames()].sort(),
  }),
];
