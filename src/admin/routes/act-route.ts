import type { FastifyReply } from 'fastify';
import { actApi } from '../../contract/admin/act.js';
import type { Envelope } from '../../contract/onebot/envelope.js';
import { httpStatusOf } from '../../onebot/envelope.js';
import { AdminCallMeta, LazyCaller, runActCalls, type ActCaller } from '../act-calls.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

/**
 * Runs any OneBot action as any account: how a person (through the console) or a test script makes
 * a simulated user speak, react or join. The body is the action's params, which the dispatcher
 * validates like any transport's; `?format=string` asks for CQ strings in returned messages and
 * `?dialect=llbot` (or `go-cqhttp`) runs it as an adapter of that dialect would.
 */
export const actRoutes = implement(actApi, {
  async act(request, reply, { world, dispatcher }) {
    const { user_id: userId, action } = request.params;
    if (!(await world.accounts.find(userId))) throw new AdminError(404, 'USER_NOT_FOUND', `user ${userId} does not exist`);
    const params = request.body;
    const echo = typeof params === 'object' && params !== null && 'echo' in params ? params.echo : request.query.echo;
    // A stream action's packets are gathered and answered with its last envelope: the admin API
    // answers one JSON document, which the CLI, the MCP server and the console read whole.
    const packets: Envelope[] = [];
    const envelope = await dispatcher.dispatch(
      userId,
      action,
      params,
      new AdminCallMeta(callerGone(reply), request.query.format ?? 'array', request.query.dialect ?? 'napcat', echo, async (packet) => {
        packets.push(packet as Envelope);
      }),
    );
    // A call a fault held (no_reply) is let go when Catnap stops; its caller learns why, as a
    // pending wait's does, rather than reading the fault's stand-in failure as the action's. Only
    // that stand-in: an action that ran and failed while Catnap stops answers its own failure.
    if (dispatcher.wasCutShort(envelope)) {
      throw new AdminError(503, 'STOPPING', `Catnap is stopping: ${action} as ${userId} ended before it answered`);
    }
    reply.code(httpStatusOf(envelope));
    return envelope.stream === 'stream-action' ? { ...envelope, packets } : envelope;
  },

  async actBatch(request, reply, { world, dispatcher }) {
    return { results: await runActCalls(world, dispatcher, request.body.calls, callerGone(reply)) };
  },
});

/**
 * Aborts when the caller gives up (its own timeout closes the response unfinished): that lets go
 * of a call a fault holds, as a WebSocket or HTTP API client's going does, so no held call
 * outlives the request it answers.
 */
function callerGone(reply: FastifyReply): ActCaller {
  return new LazyCaller((gone) => {
    const raw = reply.raw;
    if (raw.destroyed && !raw.writableFinished) gone();
    else raw.once('close', () => raw.writableFinished || gone());
  });
}
