import { Type } from '@sinclair/typebox';
import type { Sex } from '../../world/model.js';
import { NtResult } from '../shapes/nt-result.js';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { visibleStatus } from '../shapes/status.js';
import { groupAvatarUrl, userAvatarUrl } from '../shapes/avatar.js';

const ntOk = { result: 0, errMsg: '' };

/** QQ's sex as clients send it: male/female/unknown, 男/女, or NT's codes 1/2/0. */
function parseSex(value: string | number | undefined): Sex | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim().toLowerCase();
  const sex = (
    {
      male: 'male',
      '1': 'male',
      男: 'male',
      female: 'female',
      '2': 'female',
      女: 'female',
      unknown: 'unknown',
      '0': 'unknown',
      '255': 'unknown',
    } as const
  )[text];
  if (!sex) throw badParams(`sex: use male, female or unknown (or 1, 2, 0), got ${JSON.stringify(value)}`);
  return sex;
}

const sexParam = P.optional(
  Type.Union([Type.Integer(), Type.String()], { description: 'male/female/unknown, or 1 male, 2 female, 0 unknown' }),
);
const statusCode = (name: string) => P.optional(P.int(`${name}`, { minimum: 0 }));

/** What an account says about itself: signature, status, nickname, sex, avatar. */
export const profileActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_self_longnick',
    origin: 'napcat',
    summary: "Set the account's signature (个性签名)",
    params: P.object({ longNick: P.str('The new signature (up to 100 characters)') }),
    result: NtResult,
    async handler(ctx, params) {
      await ctx.world.profiles.setLongNick(ctx.selfId, params.longNick);
      return ntOk;
    },
  }),
  defineAction({
    name: 'set_online_status',
    origin: 'napcat',
    summary: 'Set the online status (10 online, 30 away, 40 invisible, 50 busy, 60 Q me, 70 do not disturb)',
    description:
      "NapCat params `status`, `ext_status`, `battery_status`; the seed document's `extStatus`, `batteryStatus` work too. " +
      'A custom status is status 10 with its ext_status (1028 listening to music, ...); other statuses take ext_status 0. ' +
      'Other accounts see the status in get_stranger_info and nc_get_user_status (invisible shows as offline, 20).',
    params: P.object({
      status: P.int('Main status: 10, 30, 40, 50, 60 or 70', { minimum: 0 }),
      ext_status: statusCode('Extended (custom) status; 0 for none'),
      battery_status: statusCode('Battery percentage, 0-100'),
      extStatus: statusCode('Seed name of ext_status'),
      batteryStatus: statusCode('Seed name of battery_status'),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      const extStatus = params.ext_status ?? params.extStatus;
      const batteryStatus = params.battery_status ?? params.batteryStatus;
      if (extStatus === undefined) throw badParams('ext_status: is required (0 for no custom status)');
      if (batteryStatus === undefined) throw badParams('battery_status: is required (a percentage, 0-100)');
      await ctx.world.profiles.setOnlineStatus(ctx.selfId, { status: params.status, extStatus, batteryStatus });
      return null;
    },
  }),
  defineAction({
    name: 'nc_get_user_status',
    origin: 'napcat',
    summary: "An account's online status as this account sees it",
    params: P.object({ user_id: P.id('QQ number') }),
    result: Type.Object({ status: Type.Integer(), ext_status: Type.Integer() }),
    async handler(ctx, params) {
      return visibleStatus(await ctx.world.accounts.require(params.user_id), ctx.selfId);
    },
  }),
  defineAction({
    name: 'set_self_profile',
    origin: 'seed',
    summary: "Set nickname, signature and sex (the seed's name; NapCat now calls it set_qq_profile)",
    params: P.object({
      nick: P.str('Nickname', { minLength: 1 }),
      longNick: P.optional(P.str('Signature')),
      sex: sexParam,
    }),
    result: NtResult,
    async handler(ctx, params) {
      const sex = parseSex(params.sex);
      await ctx.world.profiles.setProfile(ctx.selfId, { nickname: params.nick, longNick: params.longNick, sex });
      return ntOk;
    },
  }),
  defineAction({
    name: 'set_qq_profile',
    origin: 'go-cqhttp',
    summary: 'Set nickname, signature (personal_note) and sex',
    params: P.object({
      nickname: P.str('Nickname', { minLength: 1 }),
      personal_note: P.optional(P.str('Signature')),
      sex: sexParam,
    }),
    result: NtResult,
    dialects: {
      llbot: { note: 'Answers null.', result: Type.Null(), reshape: () => null },
      'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null },
    },
    async handler(ctx, params) {
      const sex = parseSex(params.sex);
      await ctx.world.profiles.setProfile(ctx.selfId, { nickname: params.nickname, longNick: params.personal_note, sex });
      return ntOk;
    },
  }),
  defineAction({
    name: 'get_qq_avatar',
    origin: 'llbot',
    summary: 'The avatar URL of an account (user_id) or a group (group_id, if no user_id)',
    description: 'An avatar set through Catnap is served by Catnap; otherwise QQ’s usual qlogo address.',
    params: P.object({ user_id: P.optional(P.id('QQ number')), group_id: P.optional(P.id('Group number')) }),
    result: Type.Object({ url: Type.String() }),
    async handler(ctx, params) {
      if (params.user_id !== undefined) return { url: userAvatarUrl(await ctx.world.accounts.require(params.user_id), ctx.services.urls) };
      if (params.group_id !== undefined) return { url: groupAvatarUrl(await ctx.world.groups.require(params.group_id), ctx.services.urls) };
      throw badParams('give user_id or group_id');
    },
  }),
  defineAction({
    name: 'set_qq_avatar',
    origin: 'napcat',
    summary: "Set the account's avatar from an image (path, URL, base64 or file id)",
    description: 'The image is stored by Catnap and served at a stable /media URL.',
    params: P.object({ file: P.str('The image: file://, http(s)://, base64://, a path or a file id', { minLength: 1 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.profiles.setAvatar(ctx.selfId, params.file);
      return null;
    },
  }),
];
