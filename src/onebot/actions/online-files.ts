import { Type } from '@sinclair/typebox';
import type { OnlineFile } from '../../world/online-files/records.js';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const friend = P.id('QQ number of the friend on the other side');
const msgId = P.str('msgId of the onlinefile segment (or of send_online_file)', { minLength: 1 });
const elementId = P.str('elementId of the onlinefile segment', { minLength: 1 });

/** An offer as the NT kernel lists it: the message with its one file element (23 = online file, 30 = online folder). */
const OnlineFileMessage = Type.Object({
  msgId: Type.String(),
  msgTime: Type.String(),
  senderUin: Type.String(),
  peerUin: Type.String(),
  elements: Type.Array(
    Type.Object({
      elementType: Type.Integer(),
      elementId: Type.String(),
      fileElement: Type.Object({ fileName: Type.String(), fileSize: Type.String() }),
    }),
  ),
  /** Catnap's word for where the offer stands: offered, received, refused or cancelled. */
  status: Type.String(),
});

/** What NapCat answers once an offer shows in the chat: its NT ids. */
const Offered = Type.Object({ result: Type.Integer(), errMsg: Type.String(), msgId: Type.String(), elementId: Type.String() });
const offered = (file: OnlineFile) => ({ result: 0, errMsg: '', msgId: file.msgId, elementId: file.elementId });

function toOnlineFileMessage(file: OnlineFile, selfId: number) {
  return {
    msgId: file.msgId,
    msgTime: String(file.offerTime),
    senderUin: String(file.senderId),
    peerUin: String(file.senderId === selfId ? file.receiverId : file.senderId),
    elements: [
      { elementType: file.isDir ? 30 : 23, elementId: file.elementId, fileElement: { fileName: file.name, fileSize: String(file.size) } },
    ],
    status: file.state,
  };
}

/** NapCat's online file actions (在线文件): friends offer files peer to peer in a private chat. */
export const onlineFileActions: AnyActionSpec[] = [
  defineAction({
    name: 'send_online_file',
    origin: 'napcat',
    summary: 'Offer a friend a file peer to peer; they get an onlinefile message to accept or refuse',
    params: P.object({
      user_id: friend,
      file_path: P.str('The file: a path under media.fileRoots, file://, http(s)://, base64:// or a file id', { minLength: 1 }),
      file_name: P.optional(P.str('File name (default: the source’s)')),
    }),
    result: Offered,
    async handler(ctx, params) {
      return offered(await ctx.world.onlineFiles.send(ctx.selfId, params.user_id, params.file_path, params.file_name));
    },
  }),
  defineAction({
    name: 'send_online_folder',
    origin: 'napcat',
    summary: 'Offer a friend a local folder peer to peer (a path under media.fileRoots); accepting it gives a zip of its files',
    params: P.object({
      user_id: friend,
      folder_path: P.str('The folder: an absolute path or file:// URL the bot may read (media.fileRoots)', { minLength: 1 }),
      folder_name: P.optional(P.str('Folder name to show (default: its own)')),
    }),
    result: Offered,
    async handler(ctx, params) {
      return offered(await ctx.world.onlineFiles.sendFolder(ctx.selfId, params.user_id, params.folder_path, params.folder_name));
    },
  }),
  defineAction({
    name: 'get_online_file_msg',
    origin: 'napcat',
    summary: 'The online file offers between the account and a friend, oldest first',
    params: P.object({ user_id: friend }),
    result: Type.Object({ result: Type.Integer(), errMsg: Type.String(), msgList: Type.Array(OnlineFileMessage) }),
    handler(ctx, params) {
      const files = ctx.world.onlineFiles.between(ctx.selfId, params.user_id);
      return { result: 0, errMsg: '', msgList: files.map((file) => toOnlineFileMessage(file, ctx.selfId)) };
    },
  }),
  defineAction({
    name: 'receive_online_file',
    origin: 'napcat',
    summary: 'Accept an online file a friend offered: answers where to download it; the sender gets online_file_send (receive)',
    params: P.object({ user_id: friend, msg_id: msgId, element_id: elementId }),
    result: Type.Object({ result: Type.Integer(), errMsg: Type.String(), url: Type.String() }),
    async handler(ctx, params) {
      const file = await ctx.world.onlineFiles.answer(ctx.selfId, params.user_id, params.msg_id, params.element_id, true);
      return { result: 0, errMsg: '', url: ctx.services.urls.media(file.blobId, file.isDir ? `${file.name}.zip` : file.name) };
    },
  }),
  defineAction({
    name: 'refuse_online_file',
    origin: 'napcat',
    summary: 'Refuse an online file a friend offered; the sender gets online_file_send (refuse)',
    params: P.object({ user_id: friend, msg_id: msgId, element_id: elementId }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.onlineFiles.answer(ctx.selfId, params.user_id, params.msg_id, params.element_id, false);
      return null;
    },
  }),
  defineAction({
    name: 'cancel_online_file',
    origin: 'napcat',
    summary: 'Withdraw an online file offered to a friend before they answer; they get online_file_receive (cancel)',
    params: P.object({ user_id: friend, msg_id: msgId }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.onlineFiles.cancel(ctx.selfId, params.user_id, params.msg_id);
      return null;
    },
  }),
];
