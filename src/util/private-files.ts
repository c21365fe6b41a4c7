import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';

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

/** A private file written in full beside its place, not yet in it: `commit` renames it over, `discard` removes it. */
export interface PreparedFile {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Writes `data` (0600) to a temp file of its own beside `path`, for the caller to rename into place
 * once everything that goes with it is written too (a snapshot's copy and its sidecar). Each call
 * has its own temp name, ending in `.tmp`, so a listing by extension (`*.json`) never picks one up;
 * a failed write leaves nothing behind.
 */
export async function preparePrivateFile(path: string, data: string | Uint8Array): Promise<PreparedFile> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  const discard = () => rm(temp, { force: true });
  try {
    await writeFile(temp, data, { mode: privateFileMode });
  } catch (error) {
    await discard();
    throw error;
  }
  return { commit: () => rename(temp, path), discard };
}

/**
 * Writes `data` as the whole new content of `path` (0600): prepared beside it, then renamed over
 * the old one. A reader meanwhile sees the old file or the new one, never half of either, and a
 * crash or a failed write leaves the old file as it was; two writes at once cannot interleave their
 * bytes. Callers that may race on one path order their writes themselves (the last rename wins).
 */
export async function replacePrivateFile(path: string, data: string | Uint8Array): Promise<void> {
  const prepared = await preparePrivateFile(path, data);
  try {
    await prepared.commit();
  } catch (error) {
    await prepared.discard();
    throw error;
  }
}
