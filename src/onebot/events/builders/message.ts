import type { MessageRecord } from '../../../world/messages/message.js';
import type { MessageFormat } from '../../action.js';
import { loadMessageContext } from '../../message/message-views.js';
import type { RenderContext } from '../../message/render.js';
import { toOb11Message, type MessageContext } from '../../shapes/message.js';
import type { MessageEvent } from '../../../contract/onebot/events.js';
import { defineBuilder } from '../types.js';

/**
 * A message event as NapCat sends it: the same object get_msg and history answer
 * (`toOb11Message`: `message_id` = `message_seq` = `real_id`, `real_seq`, `sender` with card and
 * role, `raw_message`, `font`, ...), with `post_type` `message_sent` for the account's own
 * messages. NapCat also sets `target_id` on its own messages to the peer, which for a group
 * message is the group.
 */
export function messageEvent(
  record: MessageRecord,
  context: MessageContext,
  selfId: number,
  format: MessageFormat,
  ctx: RenderContext,
): MessageEvent {
  const event = toOb11Message(record, context, selfId, format, ctx);
  if (record.senderId === selfId && record.conversation.type === 'group') event.target_id = record.conversation.groupId;
  return event;
}

/** `message` for every account that sees a message, `message_sent` for its sender. */
export const messageBuilder = defineBuilder({
  type: 'message.created',
  prepare: (event, world) => loadMessageContext(world, event.message),
  build: (event, context, selfId, format, ctx) => [messageEvent(event.message, context, selfId, format, ctx)],
  raw: (event) => event.message,
});
