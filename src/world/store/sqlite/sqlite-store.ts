import type { WorldStore } from '../store.js';
import { SqliteAccountRepository } from './account-repository.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { SqliteFriendRepository } from './friend-repository.js';
import { SqliteGroupRepository } from './group-repository.js';
import { SqliteMemberRepository } from './member-repository.js';
import { SqliteExtrasStore } from './extras/extras-store.js';
import { SqliteForwardRepository } from './forward-repository.js';
import { SqliteMessageRepository } from './message-repository.js';
import { WriteBatcher } from './write-batcher.js';
import { Checkpointer } from './checkpointer.js';
import { SqliteReactionRepository } from './reaction-repository.js';
import { SqliteCollectionRepository, SqliteCustomFaceRepository } from './favorites-repository.js';
import { SqliteGroupFileRepository, SqlitePrivateFileRepository } from './file-repository.js';
import { SqliteLikeRepository } from './like-repository.js';

/** The SQLite world store. `path` ":memory:" gives a private in-memory world (tests). */
export class SqliteWorldStore implements WorldStore {
  readonly db: SqliteDatabase;
  readonly accounts: SqliteAccountRepository;
  readonly friends: SqliteFriendRepository;
  readonly groups: SqliteGroupRepository;
  readonly members: SqliteMemberRepository;
  readonly extras: SqliteExtrasStore;
  readonly messages: SqliteMessageRepository;
  readonly reactions: SqliteReactionRepository;
  readonly forwards: SqliteForwardRepository;
  readonly likes: SqliteLikeRepository;
  readonly collections: SqliteCollectionRepository;
  readonly customFaces: SqliteCustomFaceRepository;
  readonly groupFiles: SqliteGroupFileRepository;
  readonly privateFiles: SqlitePrivateFileRepository;
  /** Group commit for hot writes (message sends). */
  readonly batcher: WriteBatcher;
  #checkpointer: Checkpointer;
  #closed = false;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.#checkpointer = new Checkpointer(this.db);
    this.accounts = new SqliteAccountRepository(this.db);
    this.friends = new SqliteFriendRepository(this.db);
    this.members = new SqliteMemberRepository(this.db);
    this.groups = new SqliteGroupRepository(this.db, this.members);
    this.extras = new SqliteExtrasStore(this.db);
    this.batcher = new WriteBatcher(this.db);
    this.messages = new SqliteMessageRepository(this.db, this.batcher, this.members);
    this.reactions = new SqliteReactionRepository(this.db);
    this.forwards = new SqliteForwardRepository(this.db);
    this.likes = new SqliteLikeRepository(this.db);
    this.collections = new SqliteCollectionRepository(this.db);
    this.customFaces = new SqliteCustomFaceRepository(this.db);
    this.groupFiles = new SqliteGroupFileRepository(this.db);
    this.privateFiles = new SqlitePrivateFileRepository(this.db);
  }

  /**
   * Starts background work on a file database: WAL checkpoints in a worker thread (see
   * Checkpointer). Without it SQLite checkpoints inside commits, which is correct but slower.
   */
  startMaintenance(onError?: (message: string) => void): void {
    if (onError) this.#checkpointer = new Checkpointer(this.db, onError);
    this.#checkpointer.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.batcher.flush();
    await this.#checkpointer.stop();
    this.db.close();
  }
}
