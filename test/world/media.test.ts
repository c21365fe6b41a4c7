import { link, mkdtemp, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WorldError } from '../../src/world/errors.js';
import type { SourceLimits } from '../../src/world/media/file-source.js';
import { downloadToStorage } from '../../src/world/media/download.js';
import { MediaService } from '../../src/world/media/media-service.js';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// Generous time limit so a loaded machine never turns a size failure into a timeout; the slow
// endpoint answers far later than the tight limit used for the timeout case.
// The test servers are on loopback, so downloads need media.allowPrivateNetworks.
const limits: SourceLimits = {
  maxBytes: 1024,
  timeoutMs: 10_000,
  allowPrivateNetworks: true,
  localFiles: { roots: [], denied: [], anywhere: () => true },
};
const rootedTo = (root: string): SourceLimits => ({ ...limits, localFiles: { ...limits.localFiles, roots: [root] } });

/** Reads a source through a fresh media store, as a send would; answers the bytes and name. */
async function readSource(source: string, sourceLimits: SourceLimits) {
  const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-blobs-')), sourceLimits);
  const ref = await media.ingest(source, 0);
  return { bytes: await media.blobs.read(ref.blobId), name: ref.name };
}
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: WorldError) => `${error.code}: ${error.message}`,
  );

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/img.png') return response.end(png);
    if (request.url === '/big') return response.end(Buffer.alloc(5000));
    if (request.url === '/slow') return setTimeout(() => response.end('late'), 30_000);
    if (request.url === '/chunked-big') {
      response.writeHead(200);
      for (let i = 0; i < 10; i++) response.write(Buffer.alloc(200));
      return response.end();
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('media sources', () => {
  it('reads base64://, data:, http(s)://, file:// (also file:////) and absolute paths to the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catnap-src-'));
    const path = join(dir, 'dot.png');
    await writeFile(path, png);
    for (const source of [
      `base64://${png.toString('base64')}`,
      `data:image/png;base64,${png.toString('base64')}`,
      `${base}/img.png`,
      `file://${path}`,
      `file:///${path}`,
      path,
    ]) {
      expect((await readSource(source, limits)).bytes.equals(png)).toBe(true);
    }
    expect((await readSource(path, limits)).name).toBe('dot.png');
  });

  it('bounds downloads in size and time, and reports HTTP failures', async () => {
    expect(await failure(readSource(`${base}/big`, limits))).toMatch(/^MEDIA_TOO_LARGE/);
    expect(await failure(readSource(`${base}/chunked-big`, limits))).toMatch(/^MEDIA_TOO_LARGE/);
    expect(await failure(readSource(`${base}/slow`, { ...limits, timeoutMs: 500 }))).toMatch(/^MEDIA_TIMEOUT/);
    expect(await failure(readSource(`${base}/missing`, limits))).toMatch(/^MEDIA_UNREADABLE: .*HTTP 404/);
  });

  it('keeps local reads inside media.fileRoots, also through ../ and symlinks', async () => {
    const root = await mkdtemp(join(tmpdir(), 'catnap-root-'));
    const outside = await mkdtemp(join(tmpdir(), 'catnap-out-'));
    await mkdir(join(root, 'sub'));
    await writeFile(join(root, 'sub', 'ok.png'), png);
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'));
    const rooted = rootedTo(root);
    expect((await readSource(join(root, 'sub', 'ok.png'), rooted)).bytes.equals(png)).toBe(true);
    expect(await failure(readSource(`${root}/sub/../../${outside.split('/').pop()}/secret.txt`, rooted))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(readSource(join(root, 'link.txt'), rooted))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(readSource('/etc/passwd', rooted))).toMatch(/^PATH_NOT_ALLOWED/);
    expect(await failure(readSource(root, limits))).toMatch(/not a regular file/);
  });

  it('rejects unknown schemes, bad base64 and missing files with clear errors', async () => {
    expect(await failure(readSource('ftp://x/y', limits))).toMatch(/use base64:\/\/, data:, http\(s\):\/\/, file:\/\/ or an absolute path/);
    expect(await failure(readSource('base64://!!!', limits))).toMatch(/not valid base64/);
    expect(await failure(readSource('/no/such/file.png', limits))).toMatch(/does not exist/);
    expect(await failure(readSource(`base64://${Buffer.alloc(3000).toString('base64')}`, limits))).toMatch(/^MEDIA_TOO_LARGE/);
  });
});

describe('media service', () => {
  it('stores each content once under its sha256 and resolves the blob id as a source', async () => {
    const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-blobs-')), limits);
    const first = await media.ingest(`base64://${png.toString('base64')}`, 0, 'a.png');
    const second = await media.ingest(`base64://${png.toString('base64')}`, 0);
    expect(first.blobId).toBe(second.blobId);
    expect(first).toMatchObject({ name: 'a.png', size: png.length, mime: 'image/png' });
    expect((await media.ingest(first.blobId, 0)).blobId).toBe(first.blobId);
    expect((await media.blobs.read(first.blobId)).equals(png)).toBe(true);
  });

  it('takes a blob id that is not stored as no blob: another kind of id, or none; other failures are reported', async () => {
    const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-blobs-')), limits);
    const stored = await media.ingest(`base64://${png.toString('base64')}`, 0);
    const missing = 'ab'.repeat(32);
    expect(await media.lookup(missing, 0)).toBeUndefined();
    // A resolver's id may look like a blob id: it is still asked.
    media.addResolver(async (id) => (id === missing ? stored : undefined));
    expect(await media.lookup(missing, 0)).toEqual(stored);
    // A failure that is not "no such file" is not taken for a missing blob.
    const failingOpen = vi
      .spyOn(media.blobs, 'describe')
      .mockRejectedValueOnce(Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' }));
    await expect(media.lookup(stored.blobId, 0)).rejects.toThrow(/EMFILE/);
    failingOpen.mockRestore();
    expect(await media.lookup(stored.blobId, 0)).toEqual(stored);
  });

  it('stores a download whose asked name is longer than a file name may be, under the name cut to fit', async () => {
    const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-blobs-')), limits);
    for (const name of [`${'n'.repeat(300)}.png`, `${'图'.repeat(90)}.png`]) {
      const path = await downloadToStorage(media, { viewerId: 10001, base64: png.toString('base64'), name });
      expect(Buffer.byteLength(basename(path))).toBeLessThanOrEqual(255);
      expect(basename(path)).toMatch(/^(n+|图+)\.png$/);
      expect(await readFile(path)).toEqual(png);
    }
  });

  it("removes an account's download_file copies and their folders, and nothing else of the store", async () => {
    const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-blobs-')), limits);
    expect(await media.blobs.removeDownloads(10001)).toBe(0); // no downloads folder yet
    const first = await downloadToStorage(media, { viewerId: 10001, base64: png.toString('base64'), name: 'a.png' });
    await downloadToStorage(media, { viewerId: 10001, base64: png.toString('base64'), name: 'b.png' });
    const other = await downloadToStorage(media, { viewerId: 10001, base64: Buffer.from('text').toString('base64'), name: 'c.txt' });
    // Another account's download of the same bytes is its own copy, and stays.
    const theirs = await downloadToStorage(media, { viewerId: 10002, base64: png.toString('base64'), name: 'a.png' });
    expect(theirs).not.toBe(first);
    const downloads = join(media.blobs.dir, 'downloads');
    await mkdir(join(downloads, '10001', 'not-a-prefix'), { recursive: true });
    expect(await media.blobs.removeDownloads(10001)).toBe(3);
    expect((await readdir(downloads)).sort()).toEqual(['10001', '10002']);
    expect(await readdir(join(downloads, '10001'))).toEqual(['not-a-prefix']);
    await expect(stat(first)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(other)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await media.lookup(theirs, 0))?.size).toBe(png.length);
    // The blobs stay (only the sweep removes blobs), and a path handed out before is made again.
    expect((await media.blobs.list()).sort()).toHaveLength(2);
    expect(await media.lookup(first, 0)).toBeUndefined();
    expect(await downloadToStorage(media, { viewerId: 10001, base64: png.toString('base64'), name: 'a.png' })).toBe(first);
    expect((await media.lookup(first, 0))?.size).toBe(png.length);
    // A copy named as before accounts had folders of their own still stands for its blob.
    const { blobId } = (await media.lookup(first, 0))!;
    const older = join(downloads, blobId.slice(0, 16), 'old.png');
    await mkdir(dirname(older), { recursive: true });
    await link(first, older);
    expect(await media.blobs.blobAt(older)).toBe(blobId);
    // A clean running while a download makes its folder never fails the download.
    for (let round = 0; round < 20; round++) {
      const [path] = await Promise.all([
        downloadToStorage(media, { viewerId: 10001, base64: png.toString('base64'), name: `r${round}.png` }),
        media.blobs.removeDownloads(10001),
      ]);
      expect(path).toContain(`r${round}.png`);
    }
  });
});
