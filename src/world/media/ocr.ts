import { WorldError } from '../errors.js';
import type { MediaService } from './media-service.js';

/** One line of recognised text, with its box as four corner points (clockwise from top-left). */
export interface OcrLine {
  readonly text: string;
  /** 0..1. */
  readonly confidence: number;
  readonly box: readonly { readonly x: number; readonly y: number }[];
}

export interface OcrResult {
  readonly lines: readonly OcrLine[];
  /** "zh" when any Chinese was read, else "en" (or "" when nothing was read). */
  readonly language: string;
}

/** An OCR engine reading an image file on disk. */
export interface OcrEngine {
  recognise(imagePath: string): Promise<OcrResult>;
}

/**
 * OCR of any media source: the image is stored like every other media (so a URL is fetched
 * once, a file id resolves), then the engine reads it from the blob store.
 */
export class OcrService {
  constructor(
    private readonly media: MediaService,
    private readonly engine: OcrEngine,
  ) {}

  /** Reads the image `source` names, as `viewerId` (whose media ids it may name). */
  async recognise(source: string, viewerId: number): Promise<OcrResult> {
    const image = await this.media.ingest(source, viewerId);
    if (!image.mime.startsWith('image/')) {
      throw new WorldError('MEDIA_UNREADABLE', `OCR needs an image (png, jpeg, gif, webp or bmp); the source given is ${image.mime}`);
    }
    return this.engine.recognise(this.media.blobs.pathOf(image.blobId));
  }
}

/** The language of recognised text: Chinese if any line has a CJK character. */
export function languageOf(texts: readonly string[]): string {
  if (texts.length === 0) return '';
  return texts.some((text) => /[\u3400-\u9fff\uf900-\ufaff]/.test(text)) ? 'zh' : 'en';
}
