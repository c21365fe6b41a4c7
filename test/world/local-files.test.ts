import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorldError } from '../../src/world/errors.js';
import { downloadToStorage } from '../../src/world/media/download.js';
import type { LocalFilePolicy } from '../../src/world/media/local-files.js';
import { MediaService } from '../../src/world/media/media-service.js';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: WorldError) => `${error.code}: ${error.message}`,
  );

/** A data folder like Catnap's (a config with a token, a media store) and a folder of the operator's. */
async function layout(policy: Partial<LocalFilePolicy> | ((base: string) => Partial<LocalFilePolicy>) = {}) {
  const base = await mkdtemp(join(tmpdir(), 'catnap-local-'));
  const data = join(base, 'data');
  const shared = join(base, 'shared');
  await mkdir(join(data, 'config'), { recursive: true });
  await mkdir(shared);
  await writeFile(join(data, 'config', 'onebot11_10002.json'), '{"token":"secret-of-bot-b"}');
  await writeFile(join(shared, 'cat.png'), 'meow');
  const media = new MediaService(join(data, 'media'), {
    maxBytes: 1024 * 1024,
    timeoutMs: 5000,
    allowPrivateNetworks: false,
    localFiles: { roots: [], denied: [data], anywhere: () => true, ...(typeof policy === 'function' ? policy(base) : policy) },
  });
  return { base, data, shared, media };
}

describe('local media files', () => {
  it("never reads Catnap's data folder, /proc or the media store by path, also through symlinks and inside fileRoots", async () => {
    const { data, shared, media } = await layout();
    const token = join(data, 'config', 'onebot11_10002.json');
    await symlink(token, join(shared, 'innocent.png'));
    expect(await failure(media.ingest(token, 0))).toMatch(/^PATH_NOT_ALLOWED: .*never reads media from/);
    expect(await failure(media.ingest(`file://${token}`, 0))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(media.ingest(join(shared, 'innocent.png'), 0))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(media.ingest(`${shared}/../data/config/onebot11_10002.json`, 0))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(media.ingest('/proc/self/environ', 0))).toMatch(/^PATH_NOT_ALLOWED/);
    // fileRoots that contain the data folder still never reach it.
    const rooted = await layout((folder) => ({ roots: [folder] }));
    expect(await failure(rooted.media.ingest(join(rooted.data, 'config', 'onebot11_10002.json'), 0))).toMatch(/^PATH_NOT_ALLOWED/);
    expect((await rooted.media.ingest(join(rooted.shared, 'cat.png'), 0)).size).toBe(4);
  });

  it('reads no local path at all once Catnap listens beyond loopback, and says which setting opens a folder', async () => {
    const { shared, media } = await layout({ anywhere: () => false });
    const message = await failure(media.ingest(join(shared, 'cat.png'), 0));
    expect(message).toMatch(/^PATH_NOT_ALLOWED: .*listens beyond loopback.*media\.fileRoots/);
    const rooted = await layout((base) => ({ anywhere: () => false, roots: [join(base, 'shared')] }));
    expect((await rooted.media.ingest(join(rooted.shared, 'cat.png'), 0)).size).toBe(4);
  });

  it('answers one text for files outside fileRoots, whether they exist or not', async () => {
    const rooted = await layout((base) => ({ roots: [join(base, 'shared')] }));
    await writeFile(join(rooted.base, 'exists.txt'), 'x');
    const existing = await failure(rooted.media.ingest(join(rooted.base, 'exists.txt'), 0));
    const missing = await failure(rooted.media.ingest(join(rooted.base, 'missing.txt'), 0));
    expect(existing).toMatch(/^PATH_NOT_ALLOWED: .*not inside media\.fileRoots/);
    expect(missing.replace('missing', 'exists')).toBe(existing);
    expect(await failure(rooted.media.ingest('/etc/shadow', 0))).toBe(
      (await failure(rooted.media.ingest('/etc/no-such-file', 0))).replace('no-such-file', 'shadow'),
    );
  });

  it.runIf(process.platform === 'linux')('refuses FIFOs at once, without tying up the file thread pool', async () => {
    const { shared, media } = await layout({ roots: [] });
    const fifos = [];
    for (let i = 0; i < 8; i++) {
      const fifo = join(shared, `pipe-${i}`);
      execFileSync('mkfifo', [fifo]);
      fifos.push(fifo);
    }
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5000).unref());
    const answers = await Promise.race([Promise.all(fifos.map((fifo) => failure(media.ingest(fifo, 0)))), timeout]);
    expect(answers).not.toBe('hung');
    for (const answer of answers as string[]) expect(answer).toMatch(/^MEDIA_UNREADABLE: .*not a regular file/);
    // The thread pool is free: an ordinary file still reads.
    expect((await media.ingest(join(shared, 'cat.png'), 0)).size).toBe(4);
  });

  it('takes the paths Catnap handed out (a blob path, a download_file copy) as the blob, even with local files off', async () => {
    const { media } = await layout({ anywhere: () => false });
    const ref = await media.ingest(`base64://${Buffer.from('hello blob').toString('base64')}`, 0);
    expect((await media.ingest(media.blobs.pathOf(ref.blobId), 0)).blobId).toBe(ref.blobId);
    expect((await media.ingest(`file://${media.blobs.pathOf(ref.blobId)}`, 0)).blobId).toBe(ref.blobId);
    const copy = await downloadToStorage(media, { viewerId: 0, base64: Buffer.from('hello blob').toString('base64'), name: 'hello.txt' });
    expect((await media.ingest(copy, 0)).blobId).toBe(ref.blobId);
    // Anything else in the store is not media.
    expect(await failure(media.ingest(join(media.blobs.dir, 'downloads'), 0))).toMatch(/^PATH_NOT_ALLOWED/);
  });
});
