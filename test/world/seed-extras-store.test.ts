import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/clock.js';
import { MediaService } from '../../src/world/media/media-service.js';
import { qqDay } from '../../src/world/profile/like-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { World } from '../../src/world/world.js';
import { smallWorld } from '../helpers/world.js';

describe('seed extras persist across a restart', () => {
  it('likes, favourites, stickers, folders and files survive closing and reopening the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-seed-store-'));
    const open = () =>
      new World({
        store: new SqliteWorldStore(join(dir, 'catnap.db')),
        clock: new ManualClock(),
        media: new MediaService(join(dir, 'media')),
      });
    const first = open();
    await applyWorldFile(first, smallWorld);
    await first.likes.send(20001, 10001, 4);
    await first.favorites.createCollection(10001, 'keep me', 'k');
    const folder = await first.groupFiles.createFolder(10001, 30001, 'Docs');
    const file = await first.groupFiles.upload(20002, 30001, {
      source: `base64://${Buffer.from('hello files').toString('base64')}`,
      name: 'a.txt',
      folderId: folder.folderId,
    });
    await first.close();

    const second = open();
    expect((await second.likes.profile(10001, 0, 10)).received.total).toBe(4);
    expect((await second.favorites.listCollections(10001, 0, 10)).items.map((item) => item.rawData)).toEqual(['keep me']);
    const listed = await second.groupFiles.list(20003, 30001, folder.folderId);
    expect(listed.files.map((f) => [f.fileId, f.name, f.size])).toEqual([[file.fileId, 'a.txt', 11]]);
    expect((await second.media.blobs.read(listed.files[0]!.blobId)).toString()).toBe('hello files');
    // The group file id is a media source.
    expect((await second.media.ingest(file.fileId, 20003)).name).toBe('a.txt');
    await second.close();
  });

  it("QQ's day turns at midnight Beijing time", () => {
    const beforeMidnight = Date.UTC(2026, 0, 1, 15, 59, 59) / 1000;
    expect(qqDay(beforeMidnight + 1)).toBe(qqDay(beforeMidnight) + 1);
    expect(qqDay(Date.UTC(2026, 0, 1, 0, 0, 0) / 1000)).toBe(qqDay(Date.UTC(2026, 0, 1, 15, 0, 0) / 1000));
  });
});
