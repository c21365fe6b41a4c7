import type { QzoneImage, QzonePost, QzoneRepository, QzoneRight } from '../../qzone/qzone-model.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface PostRow {
  tid: string;
  owner_id: number;
  content: string;
  ugc_right: number;
  create_time: number;
}

/** The only writer of the QZone tables (migration 012). */
export class SqliteQzoneRepository implements QzoneRepository {
  readonly #get;
  readonly #byOwner;
  readonly #images;
  readonly #targets;
  readonly #insert: WriteStatement;
  readonly #insertImage: WriteStatement;
  readonly #insertTarget: WriteStatement;
  readonly #remove: WriteStatement;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[string], PostRow>('SELECT * FROM qzone_posts WHERE tid = ?');
    this.#byOwner = db.prepare<[number], PostRow>('SELECT * FROM qzone_posts WHERE owner_id = ? ORDER BY seq DESC');
    this.#images = db.prepare<[string], { blob_id: string; name: string; width: number; height: number }>(
      'SELECT blob_id, name, width, height FROM qzone_post_images WHERE tid = ? ORDER BY ord',
    );
    this.#targets = db.prepare<[string], { user_id: number }>('SELECT user_id FROM qzone_post_targets WHERE tid = ? ORDER BY user_id');
    this.#insert = journal.write('INSERT INTO qzone_posts (tid, owner_id, content, ugc_right, create_time) VALUES (?, ?, ?, ?, ?)');
    this.#insertImage = journal.write('INSERT INTO qzone_post_images (tid, ord, blob_id, name, width, height) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertTarget = journal.write('INSERT OR IGNORE INTO qzone_post_targets (tid, user_id) VALUES (?, ?)');
    this.#remove = journal.write('DELETE FROM qzone_posts WHERE tid = ?');
  }

  insert(post: QzonePost): void {
    this.#insert.run(post.tid, post.ownerId, post.content, post.right, post.createTime);
    post.images.forEach((image, index) => this.#insertImage.run(post.tid, index, image.blobId, image.name, image.width, image.height));
    for (const userId of post.targets) this.#insertTarget.run(post.tid, userId);
  }

  get(tid: string): QzonePost | undefined {
    const row = this.#get.get(tid);
    return row && this.toPost(row);
  }

  listByOwner(ownerId: number): QzonePost[] {
    return this.#byOwner.all(ownerId).map((row) => this.toPost(row));
  }

  remove(tid: string): boolean {
    return this.#remove.run(tid).changes > 0;
  }

  private toPost(row: PostRow): QzonePost {
    const images: QzoneImage[] = this.#images.all(row.tid).map((image) => ({
      blobId: image.blob_id,
      name: image.name,
      width: image.width,
      height: image.height,
    }));
    return {
      tid: row.tid,
      ownerId: row.owner_id,
      content: row.content,
      images,
      right: row.ugc_right as QzoneRight,
      targets: this.#targets.all(row.tid).map((target) => target.user_id),
      createTime: row.create_time,
    };
  }
}
