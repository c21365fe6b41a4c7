import { Type } from '@sinclair/typebox';
import { downloadToStorage } from '../../world/media/download.js';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';

/** go-cqhttp's headers: "K=V\r\nK2=V2" or ["K=V", ...]. */
function parseHeaders(value: string | string[] | undefined): Record<string, string> {
  const lines = value === undefined ? [] : Array.isArray(value) ? value : value.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines.map((entry) => entry.trim()).filter(Boolean)) {
    const at = line.search(/[=:]/);
    if (at <= 0) throw badParams(`headers: ${JSON.stringify(line)} is not "Name=value"`);
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** Files sent in private chats, and go-cqhttp's download_file. */
export const fileTransferActions: AnyActionSpec[] = [
  defineAction({
    name: 'upload_private_file',
    origin: 'go-cqhttp',
    summary: 'Send a file to a friend (or a stranger sharing a group)',
    params: P.object({
      user_id: P.id('QQ number of the receiver'),
      file: P.str('The file: a path, file://, http(s)://, base64:// or a file id', { minLength: 1 }),
      name: P.str('File name shown in QQ', { minLength: 1 }),
      upload_file: P.optional(P.bool('Ignored: the file is always uploaded')),
    }),
    result: Type.Object({ file_id: Type.String() }),
    dialects: { 'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null } },
    async handler(ctx, params) {
      const file = await ctx.world.privateFiles.send(ctx.selfId, params.user_id, params.file, params.name);
      return { file_id: file.fileId };
    },
  }),
  defineAction({
    name: 'get_private_file_url',
    origin: 'napcat',
    summary: 'A download URL of a file sent or received in a private chat (served by Catnap)',
    params: P.object({ file_id: P.str('File id from upload_private_file', { minLength: 1 }), user_id: P.optional(P.id('Ignored')) }),
    result: Type.Object({ url: Type.String() }),
    async handler(ctx, params) {
      const file = await ctx.world.privateFiles.require(ctx.selfId, params.file_id);
      return { url: ctx.services.urls.media(file.blobId, file.name) };
    },
  }),
  defineAction({
    name: 'download_file',
    origin: 'go-cqhttp',
    summary: "Download a URL (or decode base64) into Catnap's storage; answers the local path",
    params: P.object({
      url: P.optional(P.str('http(s) URL to download')),
      base64: P.optional(P.str('The file as base64 (instead of url)')),
      name: P.optional(P.str('File name to store it under')),
      headers: P.optional(Type.Union([P.str('"Name=value" lines'), Type.Array(P.str('"Name=value"'))])),
      thread_count: P.optional(P.int('Ignored: one connection is used')),
    }),
    result: Type.Object({ file: Type.String() }),
    async handler(ctx, params) {
      if (!params.url && !params.base64) throw badParams('url or base64: one is required');
      const path = await downloadToStorage(ctx.world.media, {
        viewerId: ctx.selfId,
        url: params.url,
        base64: params.base64,
        name: params.name,
        headers: parseHeaders(params.headers),
      });
      return { file: path };
    },
  }),
];
