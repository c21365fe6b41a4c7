import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { blobGraceMs, sweepBlobs } from '../../src/world/media/blob-sweep.js';
import { defaultSourceLimits, MediaService } from '../../src/world/media/media-service.js';
import type { ContentDraft, ElementDraft } from '../../src/world/messages/draft.js';
import type { World } from '../../src/world/world.js';
import { base64Of, sizedPng } from '../helpers/images.js';
import { limitedMediaWorld } from '../helpers/world.js';

const content = (...elements: ElementDraft[]): ContentDraft => ({ kind: 'elements', elements });
/** A sweep run as if the grace period of everything stored so far had passed. */
const later = () => ({ now: Date.now() + blobGraceMs + 60_000 });

/** Speaks every text as the same few bytes of WAV header (the AI voice previews need a synthesizer). */
const speech = { synthesize: async (text: string) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from(text)]) };

async function world(maxBytes = defaultSourceLimits.maxBytes) {
  return (await limitedMediaWorld(maxBytes, { speech })).world;
}

/** The stored blobs neither the world nor a snapshot names. */
async function orphans(world: World): Promise<string[]> {
  const named = new Set<string>();
  world.snapshots.blobReferences(named);
  world.store.blobReferences(named);
  return (await world.media.blobs.list()).filter((blobId) => !named.has(blobId));
}

describe('the blob sweep', () => {
  it('removes the photos a refused album upload had already stored', async () => {
    const w = await world(1000);
    const { albumId } = await w.albums.create(20002, 30001, 'Trip', '');
    // Each photo fits the limit alone; the three together do not: the first two were stored.
    const photos = [sizedPng(400, 1), sizedPng(400, 2), sizedPng(400, 3)].map(base64Of);
    await expect(w.albums.upload(20002, 30001, albumId, photos)).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE' });
    expect(await orphans(w)).toHaveLength(2);

    expect(await w.sweepBlobs(later())).toMatchObject({ removed: 2, freedBytes: 800 });
    expect(await orphans(w)).toEqual([]);
    await w.close();
  });

  it('removes the zip of an online folder whose offer failed after it was stored', async () => {
    const w = await world();
    const root = join(mkdtempSync(join(tmpdir(), 'catnap-sweep-folder-')), 'trip');
    mkdirSync(root);
    writeFileSync(join(root, 'a.txt'), 'hello');
    const sending = w.onlineFiles.sendFolder(10001, 20001, root);
    // The friendship ends while the folder is read: the offer's unit refuses after the zip is stored.
    await w.friends.unfriend(10001, 20001);
    await expect(sending).rejects.toMatchObject({ code: expect.any(String) });
    expect(await orphans(w)).toHaveLength(1);

    expect(await w.sweepBlobs(later())).toMatchObject({ removed: 1 });
    expect(await orphans(w)).toEqual([]);
    await w.close();
  });

  it('removes the media of a send refused after its bytes were stored, and keeps what a sent message names', async () => {
    const w = await world();
    const sent = await w.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      content({ kind: 'image', source: { uri: base64Of(sizedPng(100, 7)) } }),
    );
    // The image is stored before the unit runs; the unit refuses the reply to a message that does not exist.
    const refused = w.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      content({ kind: 'reply', messageId: 987654 }, { kind: 'image', source: { uri: base64Of(sizedPng(100, 8)) } }),
    );
    await expect(refused).rejects.toMatchObject({ code: expect.any(String) });
    const [leaked] = await orphans(w);
    expect(leaked).toBeDefined();

    expect(await w.sweepBlobs(later())).toMatchObject({ removed: 1, referenced: 1 });
    expect(await orphans(w)).toEqual([]);
    expect(await w.media.blobs.has(leaked!)).toBe(false);
    const image = sent.elements[0]!;
    if (image.kind !== 'image') throw new Error('not an image');
    // Named only inside the message's elements (images have no file row): kept.
    expect(await w.media.blobs.has(image.media.blobId)).toBe(true);
    await w.close();
  });

  it('keeps a blob only a stored snapshot names, until that snapshot is deleted', async () => {
    const w = await world();
    await w.snapshots.save('empty');
    const sent = await w.messages.send(
      10001,
      { type: 'private', userId: 20001 },
      content({ kind: 'record', source: { uri: base64Of(Buffer.from('#!AMR\n voice')) } }),
    );
    const record = sent.elements[0]!;
    if (record.kind !== 'record') throw new Error('not a record');
    await w.snapshots.save('with-record');
    await w.snapshots.restore('empty');

    // The live world no longer names it; a restore of `with-record` would bring its message back.
    expect((await w.sweepBlobs(later())).removed).toBe(0);
    expect(await w.media.blobs.has(record.media.blobId)).toBe(true);
    await w.snapshots.restore('with-record');
    expect(await w.media.blobs.read(record.media.blobId)).toEqual(Buffer.from('#!AMR\n voice'));

    await w.snapshots.restore('empty');
    await w.snapshots.delete('with-record');
    expect((await w.sweepBlobs(later())).removed).toBe(1);
    expect(await w.media.blobs.has(record.media.blobId)).toBe(false);
    await w.close();
  });

  it('keeps an unreferenced blob younger than the grace period, and one a lookup has just claimed', async () => {
    const w = await world();
    const fresh = await w.media.put(sizedPng(50, 1), 'fresh.png');
    const old = await w.media.put(sizedPng(50, 2), 'old.png');
    const longAgo = new Date(Date.now() - 2 * blobGraceMs);
    utimesSync(w.media.blobs.pathOf(old.blobId), longAgo, longAgo);

    expect(await w.sweepBlobs()).toMatchObject({ removed: 1, young: 1 });
    expect(await w.media.blobs.has(fresh.blobId)).toBe(true);
    expect(await w.media.blobs.has(old.blobId)).toBe(false);

    // A blob id handed out long ago and sent now: the lookup claims it before its unit commits.
    const reused = await w.media.put(sizedPng(50, 3), 'reused.png');
    utimesSync(w.media.blobs.pathOf(reused.blobId), longAgo, longAgo);
    expect(await w.media.lookup(reused.blobId, 10001)).toMatchObject({ blobId: reused.blobId });
    expect(await w.sweepBlobs()).toMatchObject({ removed: 0 });
    // Storing the same bytes again claims the stored blob too.
    utimesSync(w.media.blobs.pathOf(reused.blobId), longAgo, longAgo);
    await w.media.put(sizedPng(50, 3));
    expect(await w.sweepBlobs()).toMatchObject({ removed: 0 });
    expect(await w.media.blobs.has(reused.blobId)).toBe(true);
    await w.close();
  });

  it('answers no media when a sweep took the blob between finding it and claiming it', async () => {
    const w = await world();
    const stored = await w.media.put(sizedPng(50, 4), 'gone.png');
    // The sweep's synchronous pass ran while the lookup awaited: the claim finds no file.
    const claim = vi.spyOn(w.media.blobs, 'claim').mockReturnValueOnce(false);
    expect(await w.media.lookup(stored.blobId, 10001)).toBeUndefined();
    claim.mockRestore();
    expect(await w.media.lookup(stored.blobId, 10001)).toMatchObject({ blobId: stored.blobId });
    await w.close();
  });

  it('lets an AI voice preview, which only memory names, be swept and spoken again', async () => {
    const w = await world();
    const [character] = w.aiVoice.characters();
    const first = await w.aiVoice.preview(character!.id);
    expect(await w.sweepBlobs(later())).toMatchObject({ removed: 1 });
    const again = await w.aiVoice.preview(character!.id);
    expect(again.blobId).toBe(first.blobId);
    expect(await w.media.blobs.has(again.blobId)).toBe(true);
    await w.close();
  });
});

describe('the blob sweep on a world without media', () => {
  it('reads neither the world nor the snapshots', async () => {
    const media = new MediaService(mkdtempSync(join(tmpdir(), 'catnap-sweep-')), defaultSourceLimits);
    let read = 0;
    const report = await sweepBlobs(media.blobs, () => read++, later());
    expect(report).toEqual({ stored: 0, referenced: 0, young: 0, removed: 0, removedTemps: 0, freedBytes: 0 });
    expect(read).toBe(0);
  });
});
