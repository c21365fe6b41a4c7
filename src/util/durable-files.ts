import * as nodeFs from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The file operations a durable replace needs (tests pass a recording stand-in). */
export interface DurableFs {
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
  open(path: string, flags: string, mode?: number): Promise<Pick<nodeFs.FileHandle, 'writeFile' | 'sync' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
}

/**
 * Writes a new file (it must not exist yet) and flushes its bytes to the disk before answering:
 * the temp file of a replace, which a rename then puts in place.
 */
export async function writeFileDurably(path: string, data: string | Uint8Array, mode: number, fs: DurableFs = nodeFs): Promise<void> {
  const file = await fs.open(path, 'wx', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Flushes a finished file's bytes to the disk (one SQLite or a stream wrote, say), before `renameDurably`. */
export async function flushFile(path: string, fs: DurableFs = nodeFs): Promise<void> {
  const file = await fs.open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Puts a finished temp file in place so that it survives a crash or a power cut once this answers.
 * The temp file's bytes must be flushed first (`writeFileDurably`, `flushFile`, a handle's
 * `sync`): a file system may commit the rename before the data (ext4 with `data=writeback`, XFS,
 * btrfs), which after a crash leaves the new name on an empty or partial file, here a blob whose
 * name promises other bytes or a snapshot that does not open. The folder is flushed after the
 * rename: until then the rename itself may be lost, and a save Catnap acknowledged goes with it.
 * `rename` alone gives atomicity (the old file or the new one), never durability.
 */
export async function renameDurably(temp: string, path: string, fs: DurableFs = nodeFs): Promise<void> {
  await fs.rename(temp, path);
  await syncFolder(dirname(path), fs);
}

/**
 * Creates a folder (and its missing parents) whose entries survive a crash: a file renamed into a
 * folder whose own name was never flushed into its parent is lost with it.
 */
export async function makeFolderDurably(path: string, mode: number, fs: DurableFs = nodeFs): Promise<void> {
  const first = await fs.mkdir(path, { recursive: true, mode });
  if (first === undefined) return;
  // Each new folder's name sits in its parent: from the deepest one's parent up to the first's.
  const top = dirname(resolve(first));
  for (let folder = resolve(path); folder !== top && dirname(folder) !== folder; folder = dirname(folder)) {
    await syncFolder(dirname(folder), fs);
  }
}

/**
 * Flushes a folder's entries (names added, renamed or removed in it). Where a folder cannot be
 * opened for that (Windows refuses), the rename is as durable as the system makes it anyway.
 */
export async function syncFolder(path: string, fs: DurableFs = nodeFs): Promise<void> {
  let folder: Awaited<ReturnType<DurableFs['open']>>;
  try {
    folder = await fs.open(path, 'r');
  } catch (error) {
    if (isFolderOpenRefused(error)) return;
    throw error;
  }
  try {
    await folder.sync();
  } catch (error) {
    if (!isFolderOpenRefused(error)) throw error;
  } finally {
    await folder.close();
  }
}

function isFolderOpenRefused(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL';
}
