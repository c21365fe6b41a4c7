import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replacePrivateFile } from '../../src/util/private-files.js';

const folder = () => mkdtemp(join(tmpdir(), 'catnap-private-files-'));

describe('replacePrivateFile', () => {
  it('replaces the whole file, private to the user, and leaves no temp file', async () => {
    const dir = await folder();
    const path = join(dir, 'a.json');
    await writeFile(path, 'old content that is longer than the new one', { mode: 0o644 });
    await replacePrivateFile(path, '{"new":true}\n');
    expect(await readFile(path, 'utf8')).toBe('{"new":true}\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('a reader meanwhile sees the old content or the new, never part of either', async () => {
    const dir = await folder();
    const path = join(dir, 'big.json');
    const versions = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => letter.repeat(4 * 1024 * 1024));
    await replacePrivateFile(path, versions[0]!);
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        const text = await readFile(path, 'utf8');
        const index = versions.indexOf(text);
        // Written in place, a read here caught an empty or cut file.
        expect(index, `a read saw ${text.length} bytes of ${JSON.stringify(text.slice(0, 1))}`).toBeGreaterThanOrEqual(0);
        seen.add(index);
      }
    })();
    for (const version of versions.slice(1)) await replacePrivateFile(path, version);
    writing = false;
    await reader;
    expect(await readFile(path, 'utf8')).toBe(versions.at(-1));
    expect(seen.size).toBeGreaterThan(0);
  });

  it('writes at once each keep their own bytes: the file ends as one of them whole', async () => {
    const dir = await folder();
    const path = join(dir, 'c.json');
    const versions = Array.from({ length: 8 }, (_, index) => String(index).repeat(256 * 1024));
    await Promise.all(versions.map((version) => replacePrivateFile(path, version)));
    expect(versions).toContain(await readFile(path, 'utf8'));
    expect(await readdir(dir)).toEqual(['c.json']);
  });

  it('a failed write leaves what was there and no temp file', async () => {
    const dir = await folder();
    const path = join(dir, 'taken');
    // A folder in the way: the rename fails after the temp file was written.
    await mkdir(path);
    await expect(replacePrivateFile(path, 'x')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(dir)).toEqual(['taken']);
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});
