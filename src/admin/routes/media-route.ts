import { mediaApi } from '../../contract/admin/media.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

/**
 * Uploads from the console and the public URLs of stored blobs. An upload's `file` is the blob id,
 * usable as the `file` of an image, record, video or file segment (and by upload_group_file) as it
 * stands; `/media/<blob id>` serves it without a token, like QQ's CDN links but never expiring.
 */
/**
 * Media is served on the console's origin, where the web UI token is kept, and anyone may store
 * bytes there (a bot's file, an upload) and name their type with `?name=`. A type a browser runs
 * script in when it is opened (SVG; HTML and XML should such a type ever be served) is sandboxed:
 * an opaque origin, no script, nothing loaded but inline styles and data: images. An `<img>`
 * never runs an SVG's script anyway, so pictures still show.
 */
const activeContentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/**
 * Types that are only ever shown or played, never run as script in the origin: the policy is left
 * off them (a browser's PDF viewer is a plugin, which a sandboxed document may not load).
 */
function passive(mime: string): boolean {
  return (mime.startsWith('image/') && mime !== 'image/svg+xml') || /^(audio|video)\//.test(mime) || mime === 'application/pdf';
}

export const mediaRoutes = implement(mediaApi, {
  async upload(request, _reply, { world, dispatcher }) {
    const bytes = request.body;
    if (bytes.length === 0) throw new AdminError(400, 'BAD_REQUEST', 'the upload is empty: send the file bytes as the request body');
    const name = (request.query.name ?? '').trim();
    if (name.length > 255 || /[\\/\0]/.test(name))
      throw new AdminError(400, 'BAD_REQUEST', `not a usable file name: ${JSON.stringify(name.slice(0, 80))}`);
    const media = await world.media.put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
    return {
      file: media.blobId,
      blob_id: media.blobId,
      name: media.name,
      size: media.size,
      mime: media.mime,
      url: dispatcher.services.urls.media(media.blobId, media.name),
    };
  },

  async sweep(_request, _reply, { world }) {
    const { freedBytes, removedTemps, ...counts } = await world.sweepBlobs();
    return { ...counts, removed_temps: removedTemps, freed_bytes: freedBytes };
  },

  async media(request, reply, { world }) {
    const { blob_id: blobId } = request.params;
    if (!/^[0-9a-f]{64}$/.test(blobId)) throw new AdminError(404, 'FILE_NOT_FOUND', `no media ${blobId}`);
    const { name } = request.query;
    // Typed as the upload was (by its bytes, else by its name's extension), so an SVG uploaded as
    // `cat.svg` is served as the image/svg+xml the upload answered, not as bytes nobody can show.
    const { stream, size, mime } = await world.media.blobs.open(blobId, name);
    if (!passive(mime)) reply.header('content-security-policy', activeContentPolicy);
    reply
      .header('content-type', mime)
      .header('content-length', size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${blobId}"`);
    if (name) reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`);
    return reply.send(stream);
  },
});
