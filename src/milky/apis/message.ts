import { WorldError } from '../../world/errors.js';
import type { ConversationRef } from '../../world/messages/conversation-service.js';
import type { MessageRecord } from '../../world/messages/message.js';
import { defineApi, type MilkyApiSpec, type MilkyContext } from '../api.js';
import { contentOfSegments, type OutgoingSegmentInput } from '../message/outgoing.js';
import { MessageViews, type MessageScene } from '../message/message-view.js';

/** The spec caps a history page at 30 messages. */
const maxHistory = 30;

/** friend and temp are both the private chat with the peer; group is the group. */
export function conversationOf(scene: MessageScene, peerId: number): ConversationRef {
  return scene === 'group' ? { type: 'group', groupId: peerId } : { type: 'private', userId: peerId };
}

export function messageViews(ctx: MilkyContext): MessageViews {
  return new MessageViews({ world: ctx.world, urls: ctx.services.urls }, ctx.selfId);
}

function live(message: MessageRecord): MessageRecord {
  if (message.recalled) {
    throw new WorldError('MESSAGE_RECALLED', `the message with seq ${message.seq} was recalled`, { seq: message.seq });
  }
  return message;
}

const sent = (record: MessageRecord) => ({ message_seq: record.seq, time: record.time });
const segmentsOf = (message: unknown) => contentOfSegments(message as OutgoingSegmentInput[]);

/**
 * Milky's message APIs. Messages are named by scene, peer and the conversation's seq (the same
 * seq OneBot reports as `real_seq`); sending goes through the world's one send path, so a NapCat
 * bot in the same group receives a Milky bot's message as any other.
 */
export const messageApis: MilkyApiSpec[] = [
  defineApi('message', 'send_private_message', 'Send to a friend, or as a temp chat to someone sharing a group', async (ctx, input) =>
    sent(await ctx.world.messages.send(ctx.selfId, { type: 'private', userId: input.user_id }, segmentsOf(input.message))),
  ),
  defineApi('message', 'send_group_message', 'Send to a group (members only; not while muted)', async (ctx, input) =>
    sent(await ctx.world.messages.send(ctx.selfId, { type: 'group', groupId: input.group_id }, segmentsOf(input.message))),
  ),
  defineApi('message', 'recall_private_message', 'Recall an own message of a private chat', async (ctx, input) => {
    const message = await ctx.world.conversations.messageAt(ctx.selfId, { type: 'private', userId: input.user_id }, input.message_seq);
    await ctx.world.messages.recall(ctx.selfId, message.messageId);
  }),
  defineApi(
    'message',
    'recall_group_message',
    'Recall a group message (own ones; an admin or owner also lower ranks’)',
    async (ctx, input) => {
      const message = await ctx.world.conversations.messageAt(ctx.selfId, { type: 'group', groupId: input.group_id }, input.message_seq);
      await ctx.world.messages.recall(ctx.selfId, message.messageId);
    },
  ),
  defineApi('message', 'get_message', 'One message by scene, peer and seq', async (ctx, input) => {
    const record = await ctx.world.conversations.messageAt(
      ctx.selfId,
      conversationOf(input.message_scene, input.peer_id),
      input.message_seq,
    );
    return { message: await messageViews(ctx).message(live(record)) };
  }),
  defineApi(
    'message',
    'get_history_messages',
    'A page of history, newest first from a seq (recalled ones left out)',
    async (ctx, input) => {
      const count = Math.min(input.limit, maxHistory);
      if (count === 0) return { messages: [], next_message_seq: input.start_message_seq ?? null };
      const records = await ctx.world.conversations.historyBySeq(ctx.selfId, conversationOf(input.message_scene, input.peer_id), {
        ...(input.start_message_seq != null && { maxSeq: input.start_message_seq }),
        count: count + 1,
      });
      // One more than asked tells whether an older page exists, and where it starts.
      const older = records.length > count ? records.shift() : undefined;
      const views = messageViews(ctx);
      const messages = [];
      for (const record of records) messages.push(await views.message(record));
      return { messages, next_message_seq: older?.seq ?? null };
    },
  ),
  defineApi(
    'message',
    'get_resource_temp_url',
    'The URL of an image, voice or video by resource id (served by Catnap, never expiring)',
    async (ctx, input) => {
      const media = input.resource_id.trim() === '' ? undefined : await ctx.world.media.lookup(input.resource_id);
      if (!media) throw new WorldError('FILE_NOT_FOUND', `no resource has id ${JSON.stringify(input.resource_id.slice(0, 100))}`);
      return { url: ctx.services.urls.media(media.blobId) };
    },
  ),
  defineApi('message', 'get_forwarded_messages', 'The messages inside a merged forward', async (ctx, input) => {
    const bundle = await ctx.world.forwards.get(input.forward_id);
    return { messages: await messageViews(ctx).forwarded(bundle) };
  }),
  defineApi('message', 'mark_message_as_read', 'Move the read mark of a conversation up to a message', async (ctx, input) => {
    await ctx.world.conversations.markReadUpTo(ctx.selfId, conversationOf(input.message_scene, input.peer_id), input.message_seq);
  }),
];
