import { Type } from '@sinclair/typebox';
import { Bytes, defineRoute } from './route.js';

/** A file name given with `?name=`: what a download is called, or what an upload was. */
const NameQuery = Type.Object({ name: Type.Optional(Type.String({ description: 'The file name' })) });

/**
 * Media blobs: uploads from the console (a picked or pasted image, a file to send) and the stable
 * public URLs every stored blob is served at (no token: bots and browsers fetch them like QQ's CDN
 * links, but these never expire while anything refers to the blob), and the sweep of the blobs
 * nothing refers to.
 */
export const mediaApi = {
  upload: defineRoute({
    method: 'POST',
    url: '/api/media',
    summary: 'Upload raw bytes (any content type; ?name= names the file); answers a blob id usable as a message `file` source',
    tag: 'media',
    query: NameQuery,
    body: Bytes,
    response: Type.Object({
      file: Type.String({ description: 'The blob id, usable as the `file` of an image, record, video or file segment' }),
      blob_id: Type.String(),
      name: Type.String(),
      size: Type.Integer(),
      mime: Type.String(),
      url: Type.String({ description: 'Where the blob is served' }),
    }),
    status: 201,
  }),
  sweep: defineRoute({
    method: 'POST',
    url: '/api/media/sweep',
    summary:
      'Delete the stored blobs that nothing refers to (no message, file, album, post, favourite, avatar, announcement or ' +
      'stored snapshot) and that were not stored or used in the last hour; the same sweep runs at every start',
    tag: 'media',
    response: Type.Object({
      stored: Type.Integer({ description: 'Blobs in the store when the sweep began' }),
      referenced: Type.Integer({ description: 'Of those, the ones the world or a snapshot refers to' }),
      young: Type.Integer({ description: 'Unreferenced blobs kept because they were stored or used in the last hour' }),
      removed: Type.Integer(),
      removed_temps: Type.Integer({ description: 'Half-written temp files a crash left, removed past the same hour' }),
      freed_bytes: Type.Integer(),
    }),
  }),
  media: defineRoute({
    method: 'GET',
    url: '/media/:blob_id',
    summary: 'The bytes of a stored media blob (image, voice, video, file); ?name= sets the download name',
    tag: 'media',
    public: true,
    params: Type.Object({ blob_id: Type.String({ description: 'The sha256 of the bytes (64 hex digits)' }) }),
    // A client that signs QQ media URLs appends an rkey (get_rkey); Catnap's URLs need none and ignore it.
    query: Type.Object({
      ...NameQuery.properties,
      rkey: Type.Optional(Type.String({ description: 'Accepted and ignored (QQ media keys)' })),
    }),
    response: Bytes,
  }),
};
