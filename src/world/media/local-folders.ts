import { lstat, readdir, realpath } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { WorldError } from '../errors.js';
import { systemDenied, preview, type LocalFilePolicy } from './local-files.js';

/** How many files one folder may hold before Catnap refuses to walk further. */
export const maxFolderFiles = 1000;
/** How many folders (the named one and all below it) one walk may enter: empty folders cost too. */
export const maxFolderFolders = 1000;

export interface LocalFolder {
  /** The folder's own name. */
  readonly name: string;
  /** Every regular file below it: its absolute path, and its path inside the folder with "/". */
  readonly files: readonly { readonly path: string; readonly inside: string }[];
}

/**
 * Lists a local folder a bot named (send_online_folder), under the same policy as single local
 * files (local-files.ts): allowed roots, never the data folder, the real path checked after
 * symlinks. Only regular files are listed; symlinks inside are skipped, not followed, and each
 * listed file is opened later through `openLocalFile`, which checks it again. Anything denied
 * below the named folder (the data folder or the world file, when a root holds them) is skipped:
 * the data folder's blobs would otherwise resolve by path as media ids, past the per-viewer check.
 */
export async function listLocalFolder(path: string, policy: LocalFilePolicy, source: string): Promise<LocalFolder> {
  const roots = policy.roots.map((root) => resolve(root));
  const denied = [...policy.denied, ...systemDenied].map((entry) => resolve(entry));
  const refused = new WorldError('PATH_NOT_ALLOWED', `folder ${preview(source)} is not one bots may read (media.fileRoots in catnap.json)`);
  if (roots.length === 0 && !policy.anywhere()) throw refused;
  let real: string;
  try {
    real = await realpath(resolve(path));
  } catch {
    if (!allowed(resolve(path), roots, denied)) throw refused;
    throw new WorldError('MEDIA_UNREADABLE', `folder ${preview(source)} does not exist or cannot be read`);
  }
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  const realDenied = await Promise.all(denied.map((entry) => realpath(entry).catch(() => entry)));
  if (!allowed(resolve(path), roots, denied) || !allowed(real, realRoots, realDenied)) throw refused;
  if (!(await lstat(real).catch(() => undefined))?.isDirectory())
    throw new WorldError('INVALID_ARGUMENT', `${preview(source)} is not a folder`);
  const files: { path: string; inside: string }[] = [];
  let folders = 0;
  const walk = async (dir: string): Promise<void> => {
    folders += 1;
    if (folders > maxFolderFolders) {
      throw new WorldError('LIMIT_REACHED', `folder ${preview(source)} holds more than ${maxFolderFolders} folders`);
    }
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (!allowed(full, [], denied) || !allowed(full, [], realDenied)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push({ path: full, inside: relative(real, full).split(sep).join('/') });
      if (files.length > maxFolderFiles) {
        throw new WorldError('LIMIT_REACHED', `folder ${preview(source)} holds more than ${maxFolderFiles} files`);
      }
    }
  };
  try {
    await walk(real);
  } catch (error) {
    if (error instanceof WorldError) throw error;
    throw new WorldError('MEDIA_UNREADABLE', `folder ${preview(source)} cannot be read whole`);
  }
  files.sort((a, b) => (a.inside < b.inside ? -1 : a.inside > b.inside ? 1 : 0));
  return { name: basename(real), files };
}

function allowed(path: string, roots: readonly string[], denied: readonly string[]): boolean {
  if (denied.some((entry) => inside(path, entry))) return false;
  return roots.length === 0 || roots.some((root) => inside(path, root));
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
