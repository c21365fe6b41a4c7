import { Type } from '@sinclair/typebox';
import { AnyEnvelope } from '../onebot/envelope.js';
import { DialectName } from '../onebot-config.js';
import { defineRoute } from './route.js';
import { Id } from './world.js';

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
};
