import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';

/**
 * Uploads from the console (a picked or pasted image, a file to send). The body is the raw bytes,
 * any content type; `?name=` names the file. The answer's `file` is the blob id, usable as the
 * `file` of an image, record, video or file segment (and by upload_group_file) as it stands.
 */
export const uploadRoutes: AdminRoute[] = [
  {
    method: 'POST',
    url: '/api/media',
    summary: 'Upload raw bytes (any content type; ?name= names the file); answers a blob id usable as a message `file` source',
    tag: 'media',
    raw: true,
    async handler(request, reply, { world, dispatcher }) {
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
        throw new AdminError(400, 'BAD_REQUEST', 'the upload is empty: send the file bytes as the request body');
      }
      const name = ((request.query as { name?: string }).name ?? '').trim();
      if (name.length > 255 || /[\\/\0]/.test(name))
        throw new AdminError(400, 'BAD_REQUEST', `not a usable file name: ${JSON.stringify(name.slice(0, 80))}`);
      const media = await world.media.put(bytes, name);
      reply.code(201);
      return {
        file: media.blobId,
        blob_id: media.blobId,
        name: media.name,
        size: media.size,
        mime: media.mime,
        url: dispatcher.services.urls.media(media.blobId, media.name),
      };
    },
  },
];
