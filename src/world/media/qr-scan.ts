import { WorldError } from '../errors.js';
import type { MediaService } from './media-service.js';

/**
 * Reads the QR code in an image (scan_qrcode). The image is stored like any media (a URL is
 * fetched once, a file id resolves), decoded by sharp and searched by jsQR, which finds one code.
 * An image without a readable code answers no results.
 */
export async function scanQrCodes(media: MediaService, source: string, viewerId: number): Promise<{ text: string }[]> {
  const image = await media.ingest(source, viewerId);
  if (!image.mime.startsWith('image/')) {
    throw new WorldError(
      'MEDIA_UNREADABLE',
      `a QR code is read from an image (png, jpeg, gif, webp or bmp); the source given is ${image.mime}`,
    );
  }
  // Loaded on first use, so start-up stays fast (as the OCR engine is).
  const [{ default: sharp }, jsqr] = await Promise.all([import('sharp'), import('jsqr')]);
  // jsqr is CommonJS typed as an ES default export: the import's default is the function itself.
  const jsQR = jsqr.default as unknown as typeof jsqr.default.default;
  const { data, info } = await sharp(media.blobs.pathOf(image.blobId)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return code ? [{ text: code.data }] : [];
}
