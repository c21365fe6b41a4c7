import type { GroupEssenceMessage } from '@saltify/milky-types';
import type { z } from 'zod';
import { qqLimits } from '../../world/qq-limits.js';
import { defineApi, type MilkyApiSpec, type MilkyContext } from '../api.js';
import { announcementEntity } from '../entities.js';
import { badInput } from '../error-catalogue.js';
import { messageViews } from './message.js';

function within(value: string, max: number, field: string): string {
  if ([...value].length > max) throw badInput(`${field}: at most ${max} characters`);
  return value;
}

const groupMessage = (ctx: MilkyContext, groupId: number, seq: number) =>
  ctx.world.conversations.messageAt(ctx.selfId, { type: 'group', groupId }, seq);

/** Milky reacts with a face id, or with an emoji itself, which QQ keeps as its code point. */
function reactionId(reaction: string, type: 'face' | 'emoji'): string {
  const trimmed = reaction.trim();
  if (type === 'emoji' && !/^\d+$/.test(trimmed) && trimmed !== '') return String(trimmed.codePointAt(0));
  return trimmed;
}

/**
 * Milky's group APIs: the group's profile, members' cards, titles, roles and mutes, announcements,
 * essence messages, leaving, reactions and nudges. QQ's ranks are the world's (owner > admin >
 * member; nobody acts on an equal or higher rank), and each change emits the events both
 * protocols report.
 */
export const groupApis: MilkyApiSpec[] = [
  defineApi('group', 'set_group_name', 'Rename the group (owner or admin)', async (ctx, input) => {
    if (input.new_group_name.trim() === '') throw badInput('new_group_name: must not be blank');
    await ctx.world.groups.rename(ctx.selfId, input.group_id, within(input.new_group_name, qqLimits.groupNameLength, 'new_group_name'));
  }),
  defineApi('group', 'set_group_avatar', 'Set the group avatar (owner or admin; served by Catnap)', async (ctx, input) => {
    await ctx.world.profiles.setGroupAvatar(ctx.selfId, input.group_id, input.image_uri);
  }),
  defineApi('group', 'set_group_member_card', "Set a member's card (one's own, or a lower rank's)", async (ctx, input) => {
    await ctx.world.groups.setCard(ctx.selfId, input.group_id, input.user_id, within(input.card, qqLimits.cardLength, 'card'));
  }),
  defineApi('group', 'set_group_member_special_title', "Set a member's special title (owner only)", async (ctx, input) => {
    const title = within(input.special_title, qqLimits.specialTitleLength, 'special_title');
    await ctx.world.groups.setTitle(ctx.selfId, input.group_id, input.user_id, title);
  }),
  defineApi('group', 'set_group_member_admin', 'Make a member an admin, or a plain member again (owner only)', async (ctx, input) => {
    await ctx.world.groups.setAdmin(ctx.selfId, input.group_id, input.user_id, input.is_set);
  }),
  defineApi('group', 'set_group_member_mute', 'Mute a member for some seconds (0 lifts it; at most 30 days)', async (ctx, input) => {
    if (input.duration > qqLimits.muteSeconds) throw badInput(`duration: at most ${qqLimits.muteSeconds} seconds (30 days)`);
    await ctx.world.groups.mute(ctx.selfId, input.group_id, input.user_id, input.duration);
  }),
  defineApi('group', 'set_group_whole_mute', 'Mute or unmute the whole group (owner or admin)', async (ctx, input) => {
    await ctx.world.groups.setWholeMute(ctx.selfId, input.group_id, input.is_mute);
  }),
  defineApi('group', 'kick_group_member', 'Remove a member (the caller must outrank them)', async (ctx, input) => {
    await ctx.world.groupAdmin.kick(ctx.selfId, input.group_id, input.user_id, { rejectAddRequest: input.reject_add_request });
  }),
  defineApi('group', 'get_group_announcements', "The group's announcements, pinned first, then newest", async (ctx, input) => {
    const notices = await ctx.world.notices.list(ctx.selfId, input.group_id);
    return { announcements: notices.map((notice) => announcementEntity(notice, ctx.services.urls)) };
  }),
  defineApi('group', 'send_group_announcement', 'Post an announcement, optionally with an image (owner or admin)', async (ctx, input) => {
    await ctx.world.notices.post(ctx.selfId, input.group_id, {
      content: within(input.content, qqLimits.announcementLength, 'content'),
      ...(input.image_uri != null && { image: input.image_uri }),
    });
  }),
  defineApi('group', 'delete_group_announcement', 'Delete an announcement (owner or admin)', async (ctx, input) => {
    await ctx.world.notices.remove(ctx.selfId, input.group_id, input.announcement_id);
  }),
  defineApi('group', 'get_group_essence_messages', "A page of the group's essence messages, newest first", async (ctx, input) => {
    const entries = await ctx.world.essence.list(ctx.selfId, input.group_id);
    const start = input.page_index * input.page_size;
    const page = input.page_size === 0 ? [] : entries.slice(start, start + input.page_size);
    const views = messageViews(ctx);
    const messages: z.input<typeof GroupEssenceMessage>[] = [];
    for (const { entry, message } of page) {
      const sender = await views.entities.account(message.senderId);
      const operator = await views.entities.account(entry.operatorId);
      messages.push({
        group_id: input.group_id,
        message_seq: message.seq,
        message_time: message.time,
        sender_id: message.senderId,
        sender_name: sender?.nickname ?? String(message.senderId),
        operator_id: entry.operatorId,
        operator_name: operator?.nickname ?? String(entry.operatorId),
        operation_time: entry.time,
        segments: await views.segments.render(message.recalled ? [] : message.elements, 'group'),
      });
    }
    return { messages, is_end: input.page_size === 0 || start + input.page_size >= entries.length };
  }),
  defineApi('group', 'set_group_essence_message', 'Make a message essence, or stop it being one (owner or admin)', async (ctx, input) => {
    if (input.is_set) {
      await ctx.world.essence.set(ctx.selfId, (await groupMessage(ctx, input.group_id, input.message_seq)).messageId);
    } else {
      await ctx.world.essence.remove(ctx.selfId, { groupId: input.group_id, seq: input.message_seq });
    }
  }),
  defineApi('group', 'quit_group', 'Leave the group (its owner cannot; QQ makes the owner dismiss it)', async (ctx, input) => {
    await ctx.world.groupAdmin.leave(ctx.selfId, input.group_id, false);
  }),
  defineApi('group', 'send_group_message_reaction', 'Add or remove a reaction to a group message', async (ctx, input) => {
    const message = await groupMessage(ctx, input.group_id, input.message_seq);
    await ctx.world.reactions.set(ctx.selfId, message.messageId, reactionId(input.reaction, input.reaction_type), input.is_add);
  }),
  defineApi('group', 'send_group_nudge', 'Poke a member (oneself included) in the group', async (ctx, input) => {
    await ctx.world.pokes.groupPoke(ctx.selfId, input.group_id, input.user_id);
  }),
];
