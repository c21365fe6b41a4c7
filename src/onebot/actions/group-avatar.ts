import { Type } from '@sinclair/typebox';
import { NtResult } from '../shapes/nt-result.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const file = P.str('The image: file://, http(s)://, base64://, a path or a file id', { minLength: 1 });

async function setPortrait(ctx: ActionContext, groupId: number, source: string) {
  await ctx.world.profiles.setGroupAvatar(ctx.selfId, groupId, source);
  return { result: 0, errMsg: '' };
}

/** Group avatars: owner and admins only; the image is served by Catnap (group info `avatar_url`). */
export const groupAvatarActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_group_portrait',
    origin: 'go-cqhttp',
    summary: "Set a group's avatar (owner or admin)",
    params: P.object({ group_id: P.id('Group number'), file, cache: P.optional(P.int('Ignored (go-cqhttp cache flag)')) }),
    result: NtResult,
    handler: (ctx, params) => setPortrait(ctx, params.group_id, params.file),
    dialects: {
      llbot: { note: 'Answers null.', result: Type.Null(), reshape: () => null },
      'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null },
    },
  }),
  defineAction({
    name: 'set_group_head',
    origin: 'seed',
    summary: "Set a group's avatar (the seed's name and body; NapCat now calls it set_group_portrait)",
    params: P.object({ groupCode: P.id('Group number'), file }),
    result: NtResult,
    handler: (ctx, params) => setPortrait(ctx, params.groupCode, params.file),
  }),
];
