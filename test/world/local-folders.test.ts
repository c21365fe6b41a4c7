import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLocalFolder, maxFolderFolders } from '../../src/world/media/local-folders.js';

describe('listLocalFolder (send_online_folder)', () => {
  it('skips the data folder and the world file when an allowed folder holds them', async () => {
    const base = await mkdtemp(join(tmpdir(), 'catnap-folders-'));
    const data = join(base, 'data');
    await mkdir(join(data, 'media', 'ab'), { recursive: true });
    await writeFile(join(data, 'media', 'ab', 'ab'.padEnd(64, '0')), 'someone else’s photo');
    await writeFile(join(data, 'catnap.db'), 'the world');
    await writeFile(join(base, 'world.yaml'), 'accounts: []');
    await writeFile(join(base, 'notes.txt'), 'mine');
    const policy = { roots: [base], denied: [data, join(base, 'world.yaml')], anywhere: () => false };
    const folder = await listLocalFolder(base, policy, base);
    expect(folder.files.map((file) => file.inside)).toEqual(['notes.txt']);
    await expect(listLocalFolder(data, policy, data)).rejects.toMatchObject({ code: 'PATH_NOT_ALLOWED' });
  });

  it('refuses a folder with more subfolders than the limit, even empty ones', async () => {
    const base = await mkdtemp(join(tmpdir(), 'catnap-folders-'));
    await Promise.all(Array.from({ length: maxFolderFolders }, (_, index) => mkdir(join(base, `d${index}`))));
    const policy = { roots: [base], denied: [], anywhere: () => false };
    await expect(listLocalFolder(base, policy, base)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
  });
});
