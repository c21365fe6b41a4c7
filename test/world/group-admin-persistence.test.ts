import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/clock.js';
import { imageSize } from '../../src/world/media/image-size.js';
import { MediaService } from '../../src/world/media/media-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { World } from '../../src/world/world.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { pngHeader } from '../helpers/images.js';
import { smallWorld } from '../helpers/world.js';

describe('group administration state survives a restart', () => {
  it('keeps requests and answers, join settings, blocks, remarks, announcements and check-ins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-ga-'));
    const clock = new ManualClock();
    const open = () =>
      new World({ store: new SqliteWorldStore(join(dir, 'catnap.db')), clock, media: new MediaService(join(dir, 'media')) });
    const first = open();
    await applyWorldFile(first, smallWorld);
    const pending = await first.requests.raiseFriend(20003, 10001, { comment: 'hello' });
    const join_ = await first.requests.raiseJoin(10002, 30001, { comment: 'in?' });
    await first.requests.answerGroup(10001, String(join_.requestId), false, { reason: 'full' });
    await first.groupAdmin.setJoinSettings(20001, 30001, 4, 'Q', 'A');
    await first.groupAdmin.setInvitePolicy(20001, 30001, 'no_approval');
    await first.groupAdmin.kick(10001, 30001, 20003, { rejectAddRequest: true });
    await first.groupAdmin.setRemark(10001, 30001, 'lounge');
    const notice = await first.notices.post(10001, 30001, { content: 'hi all', pinned: true });
    await first.signs.sign(20002, 30001);
    await first.close();

    const again = open();
    expect(await again.requests.find(String(pending.requestId))).toMatchObject({ kind: 'friend', status: 'pending', comment: 'hello' });
    expect(await again.requests.find(String(join_.requestId))).toMatchObject({ status: 'rejected', actorId: 10001, reason: 'full' });
    expect(await again.groupAdmin.joinSettings(30001)).toEqual({
      groupId: 30001,
      addOption: 4,
      question: 'Q',
      answer: 'A',
      invitePolicy: 'no_approval',
    });
    await expect(again.requests.raiseJoin(20003, 30001, { answer: 'A' })).rejects.toThrow('removed with reject_add_request');
    expect(await again.groupAdmin.remark(10001, 30001)).toBe('lounge');
    expect(await again.notices.list(20002, 30001)).toEqual([notice]);
    expect((await again.signs.today(20002, 30001)).map((sign) => sign.userId)).toEqual([20002]);
    // Request flags are never reused.
    const next = await again.requests.raiseFriend(20002, 10001);
    expect(next.requestId).toBeGreaterThan(join_.requestId);
    await again.close();
  });

  it('dismissing a group removes its requests, settings and announcements with it', async () => {
    const world = new World({
      store: new SqliteWorldStore(':memory:'),
      clock: new ManualClock(),
      media: new MediaService(mkdtempSync(join(tmpdir(), 'catnap-ga-m-'))),
    });
    await applyWorldFile(world, smallWorld);
    const request = await world.requests.raiseJoin(20003, 30002);
    await world.notices.post(10002, 30002, { content: 'x' });
    await world.groupAdmin.setJoinSettings(10002, 30002, 1);
    await world.groupAdmin.leave(10002, 30002, true);
    expect(await world.requests.find(String(request.requestId))).toBeUndefined();
    expect(await world.store.groupSettings.joinSettings(30002)).toBeUndefined();
    expect(await world.store.notices.list(30002)).toEqual([]);
    await world.close();
  });
});

describe('imageSize', () => {
  it('reads PNG, GIF, BMP, JPEG and WebP headers', () => {
    expect(imageSize(pngHeader(320, 200))).toEqual({ width: 320, height: 200 });

    const gif = Buffer.from('GIF89a\x40\x01\xf0\x00\x00\x00', 'latin1');
    expect(imageSize(gif)).toEqual({ width: 320, height: 240 });

    const bmp = Buffer.alloc(26);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(64, 18);
    bmp.writeInt32LE(-32, 22);
    expect(imageSize(bmp)).toEqual({ width: 64, height: 32 });

    // SOI, an APP0 segment, then SOF0 with height 480 and width 640.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480 });

    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(99, 24, 3);
    webp.writeUIntLE(49, 27, 3);
    expect(imageSize(webp)).toEqual({ width: 100, height: 50 });

    expect(imageSize(Buffer.from('not an image at all'))).toBeUndefined();
  });
});
