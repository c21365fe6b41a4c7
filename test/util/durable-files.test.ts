import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushFile, makeFolderDurably, renameDurably, syncFolder, writeFileDurably, type DurableFs } from '../../src/util/durable-files.js';

const folder = () => fs.mkdtemp(join(tmpdir(), 'catnap-durable-files-'));

/** The real file system, with every operation written down in order (paths relative to `root`). */
function recorded(root: string, refuse: { readonly openFolder?: string } = {}): { fs: DurableFs; log: string[] } {
  const log: string[] = [];
  const name = (path: string) => relative(root, path) || '.';
  return {
    log,
    fs: {
      async mkdir(path, options) {
        const first = await fs.mkdir(path, options);
        log.push(`mkdir ${name(path)}`);
        return first;
      },
      async open(path, flags, mode) {
        if (flags === 'r' && refuse.openFolder) throw Object.assign(new Error('refused'), { code: refuse.openFolder });
        const handle = await fs.open(path, flags, mode);
        log.push(`open ${name(path)} ${flags}`);
        return {
          writeFile: async (data) => {
            await handle.writeFile(data);
            log.push(`write ${name(path)}`);
          },
          sync: async () => {
            await handle.sync();
            log.push(`sync ${name(path)}`);
          },
          close: async () => {
            await handle.close();
            log.push(`close ${name(path)}`);
          },
        };
      },
      async rename(from, to) {
        await fs.rename(from, to);
        log.push(`rename ${name(from)} ${name(to)}`);
      },
    },
  };
}

describe('durable files', () => {
  it('a replace flushes the new bytes before the rename and the folder after it', async () => {
    const dir = await folder();
    const { fs: recording, log } = recorded(dir);
    await fs.writeFile(join(dir, 'a.json'), 'old');
    await writeFileDurably(join(dir, 'a.json.tmp'), 'new', 0o600, recording);
    await renameDurably(join(dir, 'a.json.tmp'), join(dir, 'a.json'), recording);
    expect(log).toEqual([
      'open a.json.tmp wx',
      'write a.json.tmp',
      'sync a.json.tmp',
      'close a.json.tmp',
      'rename a.json.tmp a.json',
      'open . r',
      'sync .',
      'close .',
    ]);
    expect(await fs.readFile(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect((await fs.stat(join(dir, 'a.json'))).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('a temp file is new: one left behind is not written into', async () => {
    const dir = await folder();
    await fs.writeFile(join(dir, 'left.tmp'), 'a crash left me');
    await expect(writeFileDurably(join(dir, 'left.tmp'), 'new', 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readFile(join(dir, 'left.tmp'), 'utf8')).toBe('a crash left me');
  });

  it('flushes a file another writer finished (a SQLite copy) without changing it', async () => {
    const dir = await folder();
    const { fs: recording, log } = recorded(dir);
    await fs.writeFile(join(dir, 'copy.db'), 'bytes');
    await flushFile(join(dir, 'copy.db'), recording);
    expect(log).toEqual(['open copy.db r+', 'sync copy.db', 'close copy.db']);
    expect(await fs.readFile(join(dir, 'copy.db'), 'utf8')).toBe('bytes');
  });

  it('new folders are flushed into their parents, each one; an existing folder costs nothing', async () => {
    const dir = await folder();
    const { fs: recording, log } = recorded(dir);
    await makeFolderDurably(join(dir, 'a', 'b', 'c'), 0o700, recording);
    expect(log).toEqual([
      'mkdir a/b/c',
      'open a/b r',
      'sync a/b',
      'close a/b',
      'open a r',
      'sync a',
      'close a',
      'open . r',
      'sync .',
      'close .',
    ]);
    expect((await fs.stat(join(dir, 'a', 'b', 'c'))).isDirectory()).toBe(true);
    log.length = 0;
    await makeFolderDurably(join(dir, 'a', 'b', 'c'), 0o700, recording);
    expect(log).toEqual(['mkdir a/b/c']);
  });

  it('a system that cannot open a folder to flush it (Windows) keeps the rename; a missing folder is an error', async () => {
    const dir = await folder();
    await syncFolder(dir, recorded(dir, { openFolder: 'EISDIR' }).fs);
    await syncFolder(dir, recorded(dir, { openFolder: 'EPERM' }).fs);
    await expect(syncFolder(join(dir, 'gone'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('nothing in src renames a file except through renameDurably', async () => {
    const src = join(import.meta.dirname, '../../src');
    const files = (await fs.readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      if (file === join('util', 'durable-files.ts')) continue;
      const text = await fs.readFile(join(src, file), 'utf8');
      // `rename` or `renameSync` imported from node's fs modules, or called on `fs.`.
      if (/import\s*\{[^}]*\brename(Sync)?\b[^}]*\}\s*from\s*'node:fs(\/promises)?'/.test(text) || /\bfs\.rename(Sync)?\(/.test(text)) {
        offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
  });
});
