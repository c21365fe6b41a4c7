import { Type } from '@sinclair/typebox';
import { AnyEnvelope } from '../onebot/envelope.js';
import { DialectName } from '../onebot-config.js';
import { defineRoute } from './route.js';
import { Id } from './world.js';

/** The calls of one batch: each an action run as its account, exactly as one act would run it. */
const ActCalls = Type.Array(
  Type.Object(
    {
      user_id: Id('QQ number of the account to act as'),
      action: Type.String({ description: 'Any action name, alias or suffix' }),
      params: Type.Optional(Type.Unknown({ description: "The action's params (a JSON object)" })),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 1000 },
);

/**
 * A batch of calls sent on the live socket (`{ "type": "act", "id": 1, "calls": [...] }`): what
 * `POST /api/world/act-batch` runs, without an HTTP request each time. Answered by an `acted`
 * frame with the same `id` (src/contract/live.ts).
 */
export const LiveActRequest = Type.Object(
  {
    type: Type.Literal('act'),
    id: Type.Union([Type.String({ maxLength: 200 }), Type.Number()], { description: 'Echoed in the answer' }),
    calls: ActCalls,
  },
  { additionalProperties: false },
);

/**
 * Runs any OneBot action as any account and answers with the OneBot envelope. This is how a
 * person (through the web console) or a test script makes a simulated user speak, react or join.
 */
export const actApi = {
  act: defineRoute({
    method: 'POST',
    url: '/api/world/act/:user_id/:action',
    summary: 'Run a OneBot action as the given account; answers the OneBot envelope (HTTP 404 for an unknown action)',
    tag: 'act',
    params: Type.Object({
      user_id: Id('QQ number of the account to act as'),
      action: Type.String({ description: 'Any action name, alias or suffix' }),
    }),
    query: Type.Object({
      format: Type.Optional(
        Type.Union([Type.Literal('array'), Type.Literal('string')], { description: 'How returned messages are written' }),
      ),
      echo: Type.Optional(Type.String({ description: 'Echoed back when the body has no `echo`' })),
      dialect: Type.Optional(
        Type.Union(DialectName.anyOf, { description: 'Run as an adapter of this dialect would (napcat when absent)' }),
      ),
    }),
    body: Type.Unknown({ description: "The action's params (a JSON object; `echo` is echoed back)" }),
    response: Type.Composite([
      AnyEnvelope,
      Type.Object({
        packets: Type.Optional(
          Type.Array(AnyEnvelope, {
            description:
              "NapCat's stream actions only (download_file_stream, ...): the stream packets the call sent before its answer, in order. The HTTP API and WebSockets send them as they come instead.",
          }),
        ),
      }),
    ]),
  }),
  actBatch: defineRoute({
    method: 'POST',
    url: '/api/world/act-batch',
    // Each call is exactly one `POST /api/world/act/:user_id/:action` (its own unit of work, its own
    // events); the calls of a batch run together, so their writes share one commit, and one request
    // carries dozens of messages rather than one. `catnap load` sends the same batches on the live
    // socket instead (LiveActRequest), without an HTTP request per batch.
    summary:
      "Run many OneBot actions, each as its account (every account must exist, else 404 and none runs); answers each call's envelope, in order",
    tag: 'act',
    body: Type.Object({ calls: ActCalls }, { additionalProperties: false }),
    response: Type.Object({ results: Type.Array(AnyEnvelope, { description: "The calls' envelopes, in the order of `calls`" }) }),
  }),
};
