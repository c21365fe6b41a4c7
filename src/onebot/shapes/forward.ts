import type { ForwardBundle, ForwardNode } from '../../world/messages/forward.js';
import type { MessageFormat } from '../action.js';
import type { RenderContext } from '../message/render.js';
import { renderMessageObject, type Ob11Message } from './message.js';

/**
 * One node of a merged forward as NapCat returns it from get_forward_msg (and inside a forward
 * segment's `content`): a message object. Custom nodes were never real messages, so their
 * message_id is 0; nodes copied from a message keep its id. They render as group or private
 * messages after where the forward was first sent.
 */
export function toOb11ForwardNode(
  node: ForwardNode,
  bundle: ForwardBundle,
  selfId: number,
  format: MessageFormat,
  ctx: RenderContext,
): Ob11Message {
  const { message, raw_message } = renderMessageObject(node.elements, format, ctx);
  return {
    self_id: selfId,
    user_id: node.userId,
    time: node.time,
    message_id: node.messageId,
    message_seq: node.messageId,
    real_id: node.messageId,
    real_seq: '0',
    message_type: bundle.scope,
    sub_type: bundle.scope === 'group' ? 'normal' : 'friend',
    sender: { user_id: node.userId, nickname: node.nickname, card: '' },
    message,
    message_format: format,
    raw_message,
    font: 14,
    post_type: 'message',
  };
}
