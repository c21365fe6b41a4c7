import { Type } from '@sinclair/typebox';
import type { MessageFormat } from '../../onebot/action.js';
import { httpStatusOf } from '../../onebot/envelope.js';
import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';
import { idParam } from './world-routes.js';

/**
 * Runs any OneBot action as any account and answers with the OneBot envelope. This is how a
 * person (through the web console) or a test script makes a simulated user speak, react or join.
 * The body is the action's params; `?format=string` asks for CQ strings in returned messages.
 */
export const actRoutes: AdminRoute[] = [
  {
    method: 'POST',
    url: '/api/world/act/:user_id/:action',
    summary: 'Run a OneBot action as the given account; answers the OneBot envelope',
    tag: 'act',
    body: Type.Object({}, { description: "The action's params" }),
    async handler(request, reply, { world, dispatcher }) {
      const { user_id, action } = request.params as { user_id: string; action: string };
      const userId = idParam(user_id, 'user_id');
      if (!(await world.accounts.find(userId))) throw new AdminError(404, 'USER_NOT_FOUND', `user ${userId} does not exist`);
      const query = request.query as { format?: string; echo?: string };
      const messageFormat: MessageFormat = query.format === 'string' ? 'string' : 'array';
      const body = request.body ?? {};
      const echo = typeof body === 'object' && body !== null && 'echo' in body ? (body as { echo: unknown }).echo : query.echo;
      const envelope = await dispatcher.dispatch(userId, action, body, { transport: 'admin', messageFormat, adapter: 'admin-act', echo });
      reply.code(httpStatusOf(envelope));
      return envelope;
    },
  },
];
