import { fileURLToPath } from 'node:url';
import { WorldError } from '../errors.js';
import { isLocalPath, openLocalFile, preview, type LocalFilePolicy } from './local-files.js';
import { fetchPolicy, openDownload } from './safe-fetch.js';

export interface SourceLimits {
  /** Largest source accepted, in bytes. */
  readonly maxBytes: number;
  /** Longest an http(s) download may take. */
  readonly timeoutMs: number;
  /** Whether downloads may reach loopback, private and other non-public addresses (see safe-fetch.ts). */
  readonly allowPrivateNetworks: boolean;
  /** Which local files may be read (see local-files.ts). */
  readonly localFiles: LocalFilePolicy;
}

/** A source ready to be stored: bytes already in memory, or a stream of them. */
export type OpenedSource = { readonly name: string } & (
  { readonly bytes: Buffer } | { readonly stream: AsyncIterable<Uint8Array>; readonly close: () => Promise<void> }
);

/**
 * Opens a media source given the way OneBot clients give them: `base64://...`, `data:...`,
 * `http(s)://...`, `file://...` (also NapCat's `file:////abs/path`), or a plain local path.
 * Known ids (blob ids, file ids of received messages) are resolved by the caller before this.
 * Files and downloads come as streams, so a large one is never held in memory whole.
 * Every failure is a WorldError that names the source (shortened) and the reason.
 */
export async function openSource(source: string, limits: SourceLimits): Promise<OpenedSource> {
  const value = source.trim();
  if (value === '') throw new WorldError('MEDIA_UNREADABLE', 'the media source is empty');
  if (value.startsWith('base64://')) return { bytes: decodeBase64(value.slice('base64://'.length), limits), name: '' };
  if (/^data:/i.test(value)) return { bytes: decodeDataUrl(value, limits), name: '' };
  if (/^https?:\/\//i.test(value)) return openDownload(value, fetchPolicy(limits));
  if (/^file:/i.test(value)) return openLocal(fileUrlToPath(value), limits, value);
  if (isLocalPath(value)) return openLocal(value, limits, value);
  throw new WorldError(
    'MEDIA_UNREADABLE',
    `cannot read media source ${preview(value)}: use base64://, data:, http(s)://, file:// or an absolute path`,
  );
}

async function openLocal(path: string, limits: SourceLimits, source: string): Promise<OpenedSource> {
  const { handle, name } = await openLocalFile(path, limits.localFiles, limits.maxBytes, source);
  return { stream: handle.createReadStream({ autoClose: false }), close: () => handle.close(), name };
}

function tooLarge(source: string, limits: SourceLimits): WorldError {
  return new WorldError('MEDIA_TOO_LARGE', `media source ${preview(source)} is larger than the limit of ${limits.maxBytes} bytes`);
}

function decodeBase64(data: string, limits: SourceLimits): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (compact.length * 0.75 > limits.maxBytes + 3) throw tooLarge(`base64://${compact.slice(0, 20)}`, limits);
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw new WorldError('MEDIA_UNREADABLE', 'the base64:// media source is not valid base64');
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw new WorldError('MEDIA_UNREADABLE', 'the base64:// media source is empty');
  return bytes;
}

function decodeDataUrl(url: string, limits: SourceLimits): Buffer {
  const comma = url.indexOf(',');
  if (comma < 0) throw new WorldError('MEDIA_UNREADABLE', 'the data: media source has no comma before its data');
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  if (/;base64$/i.test(header)) return decodeBase64(body, limits);
  const bytes = Buffer.from(decodeURIComponent(body), 'utf8');
  if (bytes.length > limits.maxBytes) throw tooLarge(url, limits);
  return bytes;
}

/** `file:///a/b`, `file://localhost/a/b` and NapCat's `file:////a/b` all mean /a/b. */
export function fileUrlToPath(url: string): string {
  const normalised = url.replace(/^file:\/{4,}/i, 'file:///');
  try {
    return fileURLToPath(normalised);
  } catch {
    throw new WorldError('MEDIA_UNREADABLE', `media source ${preview(url)} is not a valid file URL`);
  }
}
