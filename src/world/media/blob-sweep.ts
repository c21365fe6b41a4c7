import type { BlobStore } from './blob-store.js';

/**
 * How long a blob nothing refers to is kept after it was last stored or claimed. It covers two
 * things: a unit of work that stored its media and has not committed yet (a send awaits its other
 * media, at most a download timeout, before its unit runs), and ids handed out to be used later
 * (a `POST /api/media` upload, upload_file_stream's and download_file's paths), which a bot may
 * send an hour after getting them.
 */
export const blobGraceMs = 60 * 60 * 1000;

export interface BlobSweepOptions {
  /** Blobs stored or claimed less than this long ago stay (default `blobGraceMs`). */
  readonly graceMs?: number;
  /** The real time the sweep counts from (unix milliseconds; tests run it "later"). */
  readonly now?: number;
}

export interface BlobSweepReport {
  /** Blobs in the store when the sweep began. */
  readonly stored: number;
  /** Of those, the ones the world or a snapshot names. */
  readonly referenced: number;
  /** Unreferenced blobs kept because they are younger than the grace period. */
  readonly young: number;
  readonly removed: number;
  /** Half-written temp files a crash left, removed past the grace period too. */
  readonly removedTemps: number;
  /** Bytes of the removed blobs and temp files. */
  readonly freedBytes: number;
}

/**
 * Deletes the blobs nothing refers to: media a failed send or a refused upload stored before its
 * unit of work rolled back. Listing the files is the only await; from the references on, it is one
 * synchronous pass (snapshots first, then the live world, then the deletions), so no unit commits,
 * snapshot is saved or restored, and no blob is claimed while it decides. What a restore could
 * bring back is named by a snapshot and kept; what an operation in flight stored or is about to
 * reuse is younger than the grace period (`BlobStore.claim`) and kept.
 */
export async function sweepBlobs(
  blobs: BlobStore,
  references: (into: Set<string>) => void,
  options: BlobSweepOptions = {},
): Promise<BlobSweepReport> {
  const { blobs: stored, temps } = await blobs.contents();
  const named = new Set<string>();
  // No blob to keep or delete: skip reading the world and every snapshot, a full scan of the
  // messages' elements that would slow every start of a large world without media.
  if (stored.length > 0) references(named);
  const cutoff = (options.now ?? Date.now()) - (options.graceMs ?? blobGraceMs);
  let referenced = 0;
  let young = 0;
  let removed = 0;
  let freedBytes = 0;
  for (const blobId of stored) {
    if (named.has(blobId)) {
      referenced++;
      continue;
    }
    const size = blobs.removeIfUnusedSince(blobId, cutoff);
    if (size === undefined) young++;
    else {
      removed++;
      freedBytes += size;
    }
  }
  let removedTemps = 0;
  for (const path of temps) {
    const size = blobs.removeTempIfUnusedSince(path, cutoff);
    if (size === undefined) continue;
    removedTemps++;
    freedBytes += size;
  }
  return { stored: stored.length, referenced, young, removed, removedTemps, freedBytes };
}
