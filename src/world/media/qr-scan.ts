import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { WorldError } from '../errors.js';
import type { MediaService } from './media-service.js';

/**
 * Reads the QR code in an image (scan_qrcode). The image is stored like any media (a URL is
 * fetched once, a file id resolves), decoded by sharp and searched by jsQR, which finds one code.
 * An image without a readable code answers no results.
 */
// jsqr is CommonJS typed as an ES default export: under NodeNext the import is the module object.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

export async function scanQrCodes(media: MediaService, source: string, viewerId: number): Promise<{ text: string }[]> {
  const image = await media.ingest(source, viewerId);
  if (!image.mime.startsWith('image/')) {
    throw new WorldError(
      'MEDIA_UNREADABLE',
      `a QR code is read from an image (png, jpeg, gif, webp or bmp); the source given is ${image.mime}`,
    );
  }
  const { data, info } = await sharp(media.blobs.pathOf(image.blobId)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return code ? [{ text: code.data }] : [];
}
