import { Type } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import { GroupDetail, GroupInfoEx, NoticeEntry, toGroupDetail, toGroupInfoEx, toNotice } from '../shapes/group-extras.js';
import { nowSeconds } from '../../util/clock.js';

const groupId = P.id('Group number');
/** NapCat takes these 0/1 switches as numbers or numeric strings. */
const flag01 = (description: string, defaultValue: number) => P.int(description, { default: defaultValue, minimum: 0, maximum: 1 });
/** A member who spoke within this many seconds counts as active. */
const activeWindow = 7 * 24 * 3600;

/** Announcements, check-ins and the extended group records of go-cqhttp and NapCat. */
export const groupExtrasActions: AnyActionSpec[] = [
  defineAction({
    name: '_send_group_notice',
    origin: 'go-cqhttp',
    summary: 'Post an announcement (owner or admin); an image is stored in the media store',
    params: P.object({
      group_id: groupId,
      content: P.str('The announcement text', { minLength: 1, maxLength: 4000 }),
      image: P.optional(P.str('Image: file path, file:// or http(s) URL, base64://, data: URL or a Catnap media id')),
      pinned: flag01('Pin it (0/1)', 0),
      type: P.int('Announcement type (kept as given)', { default: 1 }),
      confirm_required: flag01('Members must confirm reading it (0/1)', 1),
      is_show_edit_card: flag01('Prompt members to edit their card (0/1)', 0),
      tip_window_type: P.int('Pop-up type (kept as given)', { default: 0 }),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await postNotice(ctx, params);
      return null;
    },
    dialects: {
      'go-cqhttp': {
        note: 'Answers `{notice_id}` of the new announcement.',
        result: Type.Object({ notice_id: Type.String() }),
        handler: async (ctx, params) => ({ notice_id: (await postNotice(ctx, params)).noticeId }),
      },
    },
  }),
  defineAction({
    name: '_get_group_notice',
    origin: 'go-cqhttp',
    summary: 'Announcements of a group the caller is in, pinned first, then newest first',
    params: P.object({ group_id: groupId }),
    result: Type.Array(NoticeEntry),
    async handler(ctx, params) {
      return (await ctx.world.notices.list(ctx.selfId, params.group_id)).map((notice) => toNotice(notice, ctx.services.urls));
    },
  }),
  defineAction({
    name: '_del_group_notice',
    aliases: ['_delete_group_notice'],
    origin: 'go-cqhttp',
    summary: 'Delete an announcement (owner or admin)',
    params: P.object({ group_id: groupId, notice_id: P.str('notice_id from _get_group_notice', { minLength: 1 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.notices.remove(ctx.selfId, params.group_id, params.notice_id);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_sign',
    aliases: ['send_group_sign'],
    origin: 'napcat',
    summary: 'Check in to a group for today (once a day, China time; again the same day changes nothing)',
    params: P.object({ group_id: groupId }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.signs.sign(ctx.selfId, params.group_id);
      return null;
    },
  }),
  defineAction({
    name: 'get_group_signed_list',
    origin: 'napcat',
    summary: "Today's check-ins of a group, in order",
    params: P.object({ group_id: groupId }),
    result: Type.Array(Type.Object({ user_id: Type.Integer(), nick: Type.String(), time: Type.Integer(), rank: Type.Integer() })),
    async handler(ctx, params) {
      const signs = await ctx.world.signs.today(ctx.selfId, params.group_id);
      const accounts = await ctx.world.accounts.getMany(signs.map((sign) => sign.userId));
      return signs.map((sign, index) => ({
        user_id: sign.userId,
        nick: accounts.get(sign.userId)?.nickname ?? '',
        time: sign.time,
        rank: index + 1,
      }));
    },
  }),
  defineAction({
    name: 'get_group_detail_info',
    origin: 'napcat',
    summary: "A group's OneBot info plus the NT detail fields (owner, memo, question, mutes, the caller's join time)",
    params: P.object({ group_id: groupId }),
    result: GroupDetail,
    async handler(ctx, params) {
      const group = await ctx.world.groups.require(params.group_id);
      const members = await ctx.world.groups.members(group.groupId);
      const now = nowSeconds(ctx.world.clock);
      return toGroupDetail(group, members.length, {
        urls: ctx.services.urls,
        remark: await ctx.world.groupAdmin.remark(ctx.selfId, group.groupId),
        settings: await ctx.world.groupAdmin.joinSettings(group.groupId),
        self: members.find((member) => member.userId === ctx.selfId),
        activeMembers: members.filter((member) => member.lastSentTime > now - activeWindow).length,
        nowSeconds: now,
      });
    },
  }),
  defineAction({
    name: 'get_group_info_ex',
    origin: 'napcat',
    summary: "QQ's group extension record (groupCode, resultCode, extInfo)",
    params: P.object({ group_id: groupId }),
    result: GroupInfoEx,
    async handler(ctx, params) {
      const group = await ctx.world.groups.require(params.group_id);
      const essence = await ctx.world.store.essence.list(group.groupId);
      return toGroupInfoEx(group, essence.length > 0);
    },
  }),
  defineAction({
    name: 'trans_group_file',
    origin: 'napcat',
    summary: 'Make a temporary group file permanent: every group file in the world is permanent, so this checks the file and says ok',
    params: P.object({ group_id: groupId, file_id: P.str('file_id of a group file', { minLength: 1 }) }),
    result: Type.Object({ ok: Type.Boolean() }),
    async handler(ctx, params) {
      await ctx.world.groupFiles.requireFile(ctx.selfId, params.group_id, params.file_id);
      return { ok: true };
    },
  }),
  defineAction({
    name: 'set_group_msg_mask',
    origin: 'llbot',
    summary: 'How the account takes a group’s messages: 1 receive and notify, 2 group assistant, 3 blocked, 4 receive silently',
    description:
      'The account’s own setting, kept in the world. 3 (blocked) stops the group’s messages, and the recalls of and reactions to them, reaching the account (its own messages’ echo included); they stay in the history. Other notices (members joining, leaving, muted) still come.',
    params: P.object({ group_id: groupId, mask: P.int('1, 2, 3 or 4', { minimum: 1, maximum: 4 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupMsgMasks.set(ctx.selfId, params.group_id, params.mask);
      return null;
    },
  }),
];

interface NoticeParams {
  readonly group_id: number;
  readonly content: string;
  readonly image?: string;
  readonly pinned: number;
  readonly type: number;
  readonly confirm_required: number;
  readonly is_show_edit_card: number;
  readonly tip_window_type: number;
}

function postNotice(ctx: ActionContext, params: NoticeParams) {
  return ctx.world.notices.post(ctx.selfId, params.group_id, {
    content: params.content,
    ...(params.image ? { image: params.image } : {}),
    pinned: params.pinned === 1,
    type: params.type,
    confirmRequired: params.confirm_required === 1,
    showEditCard: params.is_show_edit_card === 1,
    tipWindowType: params.tip_window_type,
  });
}
