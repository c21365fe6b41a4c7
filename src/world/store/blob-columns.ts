/**
 * Every column of the world's database that can name a media blob, in one place: the blob sweep
 * (media/blob-sweep.ts) keeps exactly the blobs these name, in the live world and in every stored
 * snapshot. A migration that adds a column holding blob ids must add it here; a test reads the
 * migrated schema and fails on any `*blob*` or `avatar` column this list does not know.
 *
 * `id`: the value is a blob id (or empty, or for avatars a URL: anything that is not a blob id is
 * skipped). `embedded`: JSON or free text that may carry blob ids anywhere inside (a message's
 * elements keep `MediaRef`s); every 64-hex-digit run in it counts, so a false match only keeps a
 * blob longer, never loses one. `hint` narrows an embedded scan to rows containing that text;
 * messages.elements has a partial index on exactly that condition (migration 051), which the
 * sweep's query uses instead of reading every message.
 */
export interface BlobColumn {
  readonly table: string;
  readonly column: string;
  readonly kind: 'id' | 'embedded';
  readonly hint?: string;
}

/** A `MediaRef` serialised in JSON always carries this key. */
const mediaRefKey = '"blobId"';

export const blobColumns: readonly BlobColumn[] = [
  { table: 'accounts', column: 'avatar', kind: 'id' },
  { table: 'groups', column: 'avatar', kind: 'id' },
  { table: 'messages', column: 'elements', kind: 'embedded', hint: mediaRefKey },
  { table: 'forwards', column: 'nodes', kind: 'embedded', hint: mediaRefKey },
  { table: 'forwards', column: 'card', kind: 'embedded', hint: mediaRefKey },
  { table: 'message_files', column: 'blob_id', kind: 'id' },
  // A collection's raw data is the client's own payload: anything in it that looks like a blob id is kept.
  { table: 'collections', column: 'raw_data', kind: 'embedded' },
  { table: 'custom_faces', column: 'blob_id', kind: 'id' },
  { table: 'group_files', column: 'blob_id', kind: 'id' },
  { table: 'private_files', column: 'blob_id', kind: 'id' },
  { table: 'group_notices', column: 'image_blob', kind: 'id' },
  { table: 'group_album_media', column: 'blob_id', kind: 'id' },
  { table: 'qzone_post_images', column: 'blob_id', kind: 'id' },
  { table: 'flash_files', column: 'blob_id', kind: 'id' },
  { table: 'online_files', column: 'blob_id', kind: 'id' },
  // A transcript set through the admin API may come before the record that uses its audio.
  { table: 'record_transcripts', column: 'blob_id', kind: 'id' },
];
