import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import type { TodoMessageRef } from '../../world/todos/todo-service.js';

const params = P.object({
  group_id: P.id('Group number'),
  message_id: P.optional(P.messageId('The message to act on (or give message_seq)')),
  message_seq: P.optional(P.int("The message's seq in the group (used instead of message_id when given)", { minimum: 1 })),
});

/** NapCat takes message_seq first, then message_id; one of them is required. */
function messageRef(input: { message_id?: number; message_seq?: number }): TodoMessageRef {
  if (input.message_seq !== undefined) return { seq: input.message_seq };
  if (input.message_id !== undefined) return { messageId: input.message_id };
  throw badParams('message_id or message_seq is required');
}

/** What each of NapCat's three to-do actions does, and who may. */
const todoActions = [
  ['set_group_todo', "Make a group message the group's to-do (owner or admin; replaces the current one)", 'set'],
  ['complete_group_todo', "Mark the group's to-do done for yourself (any member; the message must be the current to-do)", 'complete'],
  ['cancel_group_todo', "Cancel the group's to-do (owner or admin)", 'cancel'],
] as const;

/** Group to-dos (群待办): NapCat's three packet actions, one params shape, one service call each. */
export const groupTodoActions: AnyActionSpec[] = todoActions.map(([name, summary, method]) =>
  defineAction({
    name,
    origin: 'napcat',
    summary,
    params,
    result: Type.Null(),
    async handler(ctx, input) {
      await ctx.world.todos[method](ctx.selfId, input.group_id, messageRef(input));
      return null;
    },
  }),
);
