import type { Migration } from './index.js';

/**
 * Online folders (send_online_folder): an offer of a whole folder, element type 30 in NT. Its
 * bytes are one archive of the folder's files (`blob_id`); `size` is the files' total.
 */
export const onlineFolders: Migration = {
  version: 24,
  name: 'online folders',
  sql: `ALTER TABLE online_files ADD COLUMN is_dir INTEGER NOT NULL DEFAULT 0 CHECK (is_dir IN (0, 1));`,
};
