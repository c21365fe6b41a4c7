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
