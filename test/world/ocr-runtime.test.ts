import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PaddleOcrEngine } from '../../src/world/media/paddle-ocr-engine.js';
import { renderText } from '../helpers/images.js';
import { tempDir } from '../helpers/spawn.js';

// The runtime choice is process-wide (a setting of the OCR library), and each test file runs in
// its own module registry, so this file sees the WebAssembly runtime alone: the one an install
// without the native addon (an offline machine) falls back to.
describe('OCR on the WebAssembly runtime', () => {
  it('reads the same text as the native runtime', async () => {
    const path = join(await tempDir(), 'lines.png');
    await writeFile(path, renderText(['Hello Catnap 2026', '你好世界']));
    const engine = new PaddleOcrEngine('wasm');
    const result = await engine.recognise(path);
    expect(engine.runtime).toBe('wasm');
    expect(result.lines.map((line) => line.text)).toEqual(['Hello Catnap 2026', '你好世界']);
    expect(result.language).toBe('zh');
  });
});
