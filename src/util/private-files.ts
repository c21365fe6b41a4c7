import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, rm } from 'node:fs/promises';
import { renameDurably, writeFileDurably } from './durable-files.js';

/**
 * Catnap's data is private to the user running it: the database holds every chat, the config
 * folder every bot's token and the web UI token. Files are created 0600 and folders 0700 (on
 * systems with POSIX modes), whatever the umask, and the data folder itself is tightened at every
 * start, which also covers files an older version left 0644.
 */
export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

/** Creates a folder (and its parents) as 0700; an existing folder is set to 0700 too. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: privateDirMode });
  await chmod(path, privateDirMode);
}

/** Creates an empty file as 0600 if it does not exist (so a library opening it later keeps the mode); tightens it if it does. */
export async function ensurePrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'a', privateFileMode);
  try {
    await handle.chmod(privateFileMode);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` as the whole new content of `path` (0600): prepared beside it, then renamed over
 * the old one. A reader meanwhile sees the old file or the new one, never half of either, and a
 * crash or a failed write leaves the old file as it was; two writes at once cannot interleave their
 * bytes. Callers that may race on one path order their writes themselves (the last rename wins).
 * Once it answers the new content survives a crash (durable-files.ts).
 */
export async function replacePrivateFile(path: string, data: string | Uint8Array): Promise<void> {
  // A temp name of its own per call, ending in `.tmp`, so a listing by extension never picks one up.
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFileDurably(temp, data, privateFileMode);
    await renameDurably(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
