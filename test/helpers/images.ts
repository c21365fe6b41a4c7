import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';

/** A CJK font from Debian's fonts-wqy-microhei (listed in .ci/apt-packages). */
const cjkFont = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
let registered = false;

/** Renders lines of black text on white as a PNG, for OCR tests. */
export function renderText(lines: readonly string[], options: { width?: number; size?: number } = {}): Buffer {
  if (!registered) {
    if (!existsSync(cjkFont)) throw new Error(`${cjkFont} is missing: install fonts-wqy-microhei (see .ci/apt-packages)`);
    GlobalFonts.registerFromPath(cjkFont, 'WQY');
    registered = true;
  }
  const size = options.size ?? 40;
  const canvas = createCanvas(options.width ?? 720, 60 + lines.length * size * 2);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  g.font = `${size}px WQY`;
  lines.forEach((line, index) => g.fillText(line, 30, 30 + size + index * size * 2));
  return canvas.toBuffer('image/png');
}

/** A small solid-colour PNG; different colours give different bytes. */
export function pngOf(color = '#3366ff', width = 8, height = 8): Buffer {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = color;
  g.fillRect(0, 0, width, height);
  return canvas.toBuffer('image/png');
}

export const base64Of = (bytes: Buffer): string => `base64://${bytes.toString('base64')}`;

/**
 * Just a PNG's signature and IHDR chunk (no pixels): enough for the media store and the size
 * reader, far cheaper than a drawn image; `salt` makes the bytes differ at equal sizes.
 */
export function pngHeader(width: number, height: number, salt = 0): Buffer {
  const ihdr = Buffer.alloc(26);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(salt, 25);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

/**
 * A PNG of exactly `bytes` bytes: `pngHeader`'s signature and IHDR, then padding, for tests of
 * size limits and freed bytes; `salt` makes equal sizes differ.
 */
export function sizedPng(bytes: number, salt = 0): Buffer {
  const header = pngHeader(1, 1, salt);
  if (bytes < header.length) throw new Error(`a PNG takes at least ${header.length} bytes, not ${bytes}`);
  return Buffer.concat([header, Buffer.alloc(bytes - header.length, salt)]);
}
