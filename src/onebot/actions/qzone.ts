import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const QzonePostEntry = Type.Object({
  tid: Type.String(),
  user_id: Type.Integer(),
  content: Type.String(),
  images: Type.Array(Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() })),
  ugc_right: Type.Integer(),
  create_time: Type.Integer(),
});

/** QZone posts (说说): NapCat's send and delete, and Catnap's read of what a friend posted. */
export const qzoneActions: AnyActionSpec[] = [
  defineAction({
    name: 'send_qzone_msg',
    origin: 'napcat',
    summary:
      'Post to your QZone (text and up to 9 images; ugc_right 1 everyone, 4 friends, 16 named friends, 64 only me, 128 friends but the named)',
    params: P.object({
      content: P.str('The text of the post', { default: '', maxLength: 10000 }),
      images: P.optional(Type.Array(P.str('Image: path, URL, base64:// or a Catnap media id', { minLength: 1 }), { maxItems: 9 })),
      ugc_right: P.int('Who may see it: 1, 4, 16, 64 or 128', { default: 1 }),
      target_uins: P.optional(Type.Array(P.id('QQ number'), { maxItems: 1000 })),
    }),
    result: Type.Object({ tid: Type.String() }),
    async handler(ctx, params) {
      const post = await ctx.world.qzone.post(ctx.selfId, {
        content: params.content,
        ...(params.images ? { images: params.images } : {}),
        right: params.ugc_right,
        ...(params.target_uins ? { targets: params.target_uins } : {}),
      });
      return { tid: post.tid };
    },
  }),
  defineAction({
    name: 'delete_qzone_msg',
    origin: 'napcat',
    summary: 'Delete one of your QZone posts by its tid',
    params: P.object({ tid: P.str('tid from send_qzone_msg', { minLength: 1 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.qzone.remove(ctx.selfId, params.tid);
      return null;
    },
  }),
  defineAction({
    name: 'get_qzone_msg_list',
    origin: 'catnap',
    summary: "An account's QZone posts the caller may see (its own by default), newest first",
    description:
      "NapCat names this action in delete_qzone_msg's description but does not register it; Catnap serves it so a bot can read what a friend posted.",
    params: P.object({ user_id: P.optional(P.id('Whose posts (default: your own)')) }),
    result: Type.Array(QzonePostEntry),
    async handler(ctx, params) {
      return ctx.world.qzone.feed(ctx.selfId, params.user_id ?? ctx.selfId).map((post) => ({
        tid: post.tid,
        user_id: post.ownerId,
        content: post.content,
        images: post.images.map((image) => ({
          url: ctx.services.urls.media(image.blobId, image.name),
          width: image.width,
          height: image.height,
        })),
        ugc_right: post.right,
        create_time: post.createTime,
      }));
    },
  }),
];
