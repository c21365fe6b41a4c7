import { constants, existsSync } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { WorldError } from '../errors.js';

/**
 * Which local files a bot may hand Catnap as media (`file:///x.png`, `/x.png`). A bot is not the
 * operator: on a shared world it must not read the host's files, and no bot may ever read
 * Catnap's own data (the database, every bot's token in `config/`, the blobs by path).
 *
 * - `roots` non-empty (catnap.json `media.fileRoots`): only files inside those folders.
 * - `roots` empty: any file, but only while `anywhere()` says so (the app answers "everything
 *   listens on loopback": the bots are the developer's own); otherwise no local file at all.
 * - `denied` (the data folder, the world file, /proc, /sys, /dev) is refused in every case.
 *
 * A path outside what is allowed is refused before the file system is touched, with one text
 * whether or not it exists, so a bot cannot probe the host's files through error messages.
 */
export interface LocalFilePolicy {
  readonly roots: readonly string[];
  readonly denied: readonly string[];
  /** Whether local paths outside `roots` may be read now (asked on every read: adapters change). */
  readonly anywhere: () => boolean;
}

/** Never media, whatever the roots say: process and device pseudo-files are not regular files. */
export const systemDenied: readonly string[] = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
  readonly name: string;
}

/**
 * Opens a local file a bot named, if the policy allows it and it is a regular file no larger than
 * `maxBytes`. The file is opened non-blocking (a FIFO or a device would otherwise hang a thread of
 * the file pool until something writes to it) and checked with fstat on the open descriptor, so
 * what is checked is what is read. The caller closes the handle.
 */
export async function openLocalFile(path: string, policy: LocalFilePolicy, maxBytes: number, source: string): Promise<OpenedFile> {
  const wanted = resolve(path);
  const roots = policy.roots.map((root) => resolve(root));
  const denied = [...policy.denied, ...systemDenied].map((entry) => resolve(entry));
  if (roots.length === 0 && !policy.anywhere()) throw localFilesOff(source);
  if (denied.some((entry) => inside(wanted, entry))) throw notAllowed(source, false);
  if (roots.length > 0 && !roots.some((root) => inside(wanted, root))) throw notAllowed(source, true);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    throw new WorldError('MEDIA_UNREADABLE', `media file ${preview(source)} does not exist or cannot be read`);
  }
  // Symlinks may point anywhere: the real path must pass the same checks.
  const verdict = await judgeReal(real, roots, denied);
  if (verdict !== 'ok') throw notAllowed(source, verdict === 'outside');
  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch {
    throw new WorldError('MEDIA_UNREADABLE', `media file ${preview(source)} cannot be read`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new WorldError('MEDIA_UNREADABLE', `media source ${preview(source)} is not a regular file`);
    const still = await judgeOpened(handle, real, roots, denied);
    if (still !== 'ok') throw notAllowed(source, still === 'outside');
    if (info.size > maxBytes) {
      throw new WorldError('MEDIA_TOO_LARGE', `media source ${preview(source)} is larger than the limit of ${maxBytes} bytes`);
    }
    return { handle, size: info.size, name: basename(real) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Whether `path` is a local path (absolute, or a Windows drive path) rather than an id or URL. */
export function isLocalPath(value: string): boolean {
  return isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value);
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

type Verdict = 'ok' | 'denied' | 'outside';

async function judgeReal(real: string, roots: readonly string[], denied: readonly string[]): Promise<Verdict> {
  const realDenied = await Promise.all(denied.map(realOrSelf));
  if (realDenied.some((entry) => inside(real, entry))) return 'denied';
  if (roots.length === 0) return 'ok';
  const realRoots = await Promise.all(roots.map(realOrSelf));
  return realRoots.some((root) => inside(real, root)) ? 'ok' : 'outside';
}

/**
 * Between realpath and open a folder on the way could have been swapped for a symlink. On Linux
 * the open descriptor knows the path it really opened; check that one too.
 */
async function judgeOpened(handle: FileHandle, real: string, roots: readonly string[], denied: readonly string[]): Promise<Verdict> {
  const fdPath = `/proc/self/fd/${handle.fd}`;
  if (process.platform !== 'linux' || !existsSync(fdPath)) return 'ok';
  let opened: string;
  try {
    opened = await realpath(fdPath);
  } catch {
    return 'ok';
  }
  return opened === real ? 'ok' : judgeReal(opened, roots, denied);
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

function localFilesOff(source: string): WorldError {
  return new WorldError(
    'PATH_NOT_ALLOWED',
    `media file ${preview(source)} was not read: local paths are off while Catnap listens beyond loopback; ` +
      'list the folders bots may read in media.fileRoots (catnap.json), or send the bytes as base64://',
  );
}

function notAllowed(source: string, rooted: boolean): WorldError {
  return new WorldError(
    'PATH_NOT_ALLOWED',
    rooted
      ? `media file ${preview(source)} is not inside media.fileRoots (catnap.json)`
      : `media file ${preview(source)} is in a folder Catnap never reads media from (its data folder, /proc, /sys, /dev)`,
  );
}

export function preview(source: string): string {
  return JSON.stringify(source.length > 80 ? `${source.slice(0, 77)}...` : source);
}
