/**
 * Domain events emitted the way the world's services emit them, for event kinds whose service is
 * not on this branch yet (messages). Everything else in the tests comes from real world changes.
 */
/** A group message from `senderId` in 30001, as the messaging service emits it. */
export function groupMessage(senderId: number, messageId: number) {
  return {
    type: 'message.created' as const,
    time: 1767225600,
    audience: [10001, 20001, 20002, 20003],
    message: {
      messageId,
      conversation: { type: 'group' as const, groupId: 30001 },
      seq: messageId,
      time: 1767225600,
      senderId,
      targetId: 0,
      tempGroupId: 0,
      elements: [{ kind: 'text' as const, text: 'hello' }],
      replyTo: 0,
      recalled: false,
      random: 7,
    },
  };
}
