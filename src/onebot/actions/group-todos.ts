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

/** Group to-dos (群待办): NapCat's three packet actions. */
export const groupTodoActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_group_todo',
    origin: 'napcat',
    summary: "Make a group message the group's to-do (owner or admin; replaces the current one)",
    params,
    result: Type.Null(),
    async handler(ctx, input) {
      await ctx.world.todos.set(ctx.selfId, input.group_id, messageRef(input));
      return null;
    },
  }),
  defineAction({
    name: 'complete_group_todo',
    origin: 'napcat',
    summary: "Mark the group's to-do done for yourself (any member; the message must be the current to-do)",
    params,
    result: Type.Null(),
    async handler(ctx, input) {
      await ctx.world.todos.complete(ctx.selfId, input.group_id, messageRef(input));
      return null;
    },
  }),
  defineAction({
    name: 'cancel_group_todo',
    origin: 'napcat',
    summary: "Cancel the group's to-do (owner or admin)",
    params,
    result: Type.Null(),
    async handler(ctx, input) {
      await ctx.world.todos.cancel(ctx.selfId, input.group_id, messageRef(input));
      return null;
    },
  }),
];
