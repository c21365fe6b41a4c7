import { Type } from '@sinclair/typebox';
import { WorldError } from '../../world/errors.js';
import { defineAction, type AnyActionSpec } from '../action.js';
import { ActionError } from '../error-catalogue.js';
import { P } from '../schema.js';

/** What NapCat's auto-registered test actions answer: a fixed text that proves the route is wired. */
const autoRegisterAnswer = 'AutoRegister Router Test';
/** How many data packets NapCat's stream test sends before its answer. */
const testPackets = 10;

const autoRegister = (name: string) =>
  defineAction({
    name,
    origin: 'napcat',
    summary: "NapCat's test that auto-registered actions are reachable: answers a fixed text",
    params: P.object({}),
    result: Type.String(),
    handler: async () => autoRegisterAnswer,
  });

/**
 * NapCat's own test actions, answered as NapCat answers them: they change nothing in the world,
 * so a bot or a client library can check that its route and stream handling work.
 */
export const napcatTestActions: AnyActionSpec[] = [
  autoRegister('test_auto_register_01'),
  autoRegister('test_auto_register_02'),
  defineAction({
    name: 'test_download_stream',
    origin: 'napcat',
    stream: true,
    summary:
      'NapCat\'s stream test: ten data_chunk packets ("Index-> 1" to "Index-> 10"), then data_complete, or a failure after them with error: true',
    params: P.object({ error: P.optional(P.bool('Fail after the packets, as NapCat\u2019s test can')) }),
    result: Type.Object({
      type: Type.Literal('response'),
      data_type: Type.Literal('data_complete'),
      data: Type.String(),
    }),
    async handler(ctx, params) {
      if (!ctx.stream) {
        throw new WorldError('UNSUPPORTED', 'this action answers in stream packets: call it over the HTTP API or a WebSocket');
      }
      for (let index = 1; index <= testPackets; index++) {
        await ctx.stream({ type: 'stream', data_type: 'data_chunk', data: `Index-> ${index}` });
      }
      if (params.error) throw new ActionError('TEST_FAILURE', 'This is a test error');
      return { type: 'response' as const, data_type: 'data_complete' as const, data: 'Stream transmission complete' };
    },
  }),
];
