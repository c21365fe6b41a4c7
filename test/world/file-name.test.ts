import { describe, expect, it } from 'vitest';
import { maxFileNameBytes, safeFileName } from '../../src/world/media/file-name.js';

const bytes = (text: string) => Buffer.byteLength(text);

describe('safeFileName', () => {
  it('keeps the last path part of a short name, and refuses . and ..', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\\\x\\\\report.pdf')).toBe('report.pdf');
    expect(safeFileName(' a\0b.txt ')).toBe('ab.txt');
    expect(safeFileName('..')).toBe('');
    expect(safeFileName(undefined)).toBe('');
  });

  it('cuts a long name to 255 UTF-8 bytes on a character boundary, keeping its extension', () => {
    const ascii = safeFileName(`${'a'.repeat(300)}.png`);
    expect(ascii).toBe(`${'a'.repeat(251)}.png`);
    const cjk = safeFileName(`${'文'.repeat(90)}.jpeg`);
    expect(bytes(cjk)).toBeLessThanOrEqual(maxFileNameBytes);
    expect(cjk).toBe(`${'文'.repeat(83)}.jpeg`);
    // Four-byte characters (surrogate pairs in JS) are never split in half.
    const emoji = safeFileName(`${'😀'.repeat(70)}.txt`);
    expect(emoji).toBe(`${'😀'.repeat(62)}.txt`);
    // A "extension" as long as the name is part of it.
    const dotted = safeFileName(`a.${'b'.repeat(300)}`);
    expect(dotted).toBe(`a.${'b'.repeat(253)}`);
    expect(safeFileName('x'.repeat(255))).toBe('x'.repeat(255));
  });
});
