import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';

/**
 * Media blobs at stable, public URLs (no token: bots and browsers fetch them like QQ's CDN
 * links, but these never expire). `?name=` only sets the download file name.
 */
export const mediaRoutes: AdminRoute[] = [
  {
    method: 'GET',
    url: '/media/:blob_id',
    summary: 'The bytes of a stored media blob (image, voice, video, file)',
    tag: 'media',
    public: true,
    async handler(request, reply, { world }) {
      const { blob_id } = request.params as { blob_id: string };
      if (!/^[0-9a-f]{64}$/.test(blob_id)) throw new AdminError(404, 'FILE_NOT_FOUND', `no media ${blob_id}`);
      const { stream, size, mime } = await world.media.blobs.open(blob_id);
      const name = (request.query as { name?: string }).name;
      reply
        .header('content-type', mime)
        .header('content-length', size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', `"${blob_id}"`);
      if (name) reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.send(stream);
    },
  },
];
