import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import { applyQuickOperation, QuickContext, QuickOperation } from '../quick-operation.js';

/**
 * `.handle_quick_operation`: answers an event the way an HTTP POST reply would (Yunzai and yobot
 * call it over WebSocket, often as `.handle_quick_operation_async`).
 */
export const quickOperationActions: AnyActionSpec[] = [
  defineAction({
    name: '.handle_quick_operation',
    origin: 'onebot11',
    summary: 'Apply a quick operation (reply, delete, kick, ban, approve) to an event',
    description:
      'Runs the real actions: send_msg (group replies quote the message and @ the sender when at_sender is true), delete_msg, ' +
      'set_group_kick, set_group_ban (ban_duration, default 1800 s), set_friend_add_request (approve, remark), ' +
      'set_group_add_request (approve, reason). Steps stop at the first failure, which is returned.',
    params: P.object({ context: QuickContext, operation: QuickOperation }),
    result: Type.Null(),
    async handler(ctx, params) {
      await applyQuickOperation((action, actionParams) => ctx.call(action, actionParams), params.context, params.operation);
      return null;
    },
  }),
];
