import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The reply to every OneBot action, on every transport. `data` is always present (null when
 * empty) and `echo` is returned exactly as the caller sent it, any JSON type; a call without one
 * gets the dialect's stand-in (docs/dialects.md).
 */
export const Envelope = <T extends TSchema>(data: T) =>
  Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('async'), Type.Literal('failed')]),
    retcode: Type.Integer({ description: '0 ok, 1 queued (async), 1400 bad params, 1404 unknown action, ...' }),
    data,
    message: Type.String(),
    wording: Type.String(),
    echo: Type.Unknown({
      description:
        'The echo of the request, any JSON type; without one, NapCat\'s stand-in ("" over WebSocket, a random string over HTTP) or null',
    }),
    msg: Type.Optional(Type.String({ description: 'go-cqhttp dialect only: the name of the failure (API_NOT_FOUND)' })),
    stream: Type.Optional(
      Type.Union([Type.Literal('normal-action'), Type.Literal('stream-action')], {
        description: "NapCat dialect only: stream-action on a stream action's packets and answer, normal-action on every other reply",
      }),
    ),
  });

export const AnyEnvelope = Envelope(Type.Unknown({ description: "The action's result; null when it failed or was queued" }));
export type Envelope<T = unknown> = Omit<Static<typeof AnyEnvelope>, 'data'> & { readonly data: T };
