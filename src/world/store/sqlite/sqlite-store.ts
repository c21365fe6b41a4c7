import type { WorldStore } from '../store.js';
import { SqliteAccountRepository } from './account-repository.js';
import { SqliteAlbumRepository } from './album-repository.js';
import { SqliteQzoneRepository } from './qzone-repository.js';
import { SqliteGroupFeaturesRepository } from './group-features-repository.js';
import { SqlitePresenceRepository } from './presence-repository.js';
import { SqliteKeyboardClickRepository } from './keyboard-click-repository.js';
import { SqliteTodoRepository } from './todo-repository.js';
import { collectBlobReferences, collectBlobReferencesOf } from './blob-references.js';
import { Checkpointer, type CheckpointTiming } from './checkpointer.js';
import { domainErrorOf } from './constraint-errors.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { SqliteCollectionRepository, SqliteCustomFaceRepository } from './favorites-repository.js';
import { SqliteGroupFileRepository, SqlitePrivateFileRepository } from './file-repository.js';
import { SqliteFlashRepository } from './flash-repository.js';
import { SqliteForwardRepository } from './forward-repository.js';
import { SqliteFriendRepository } from './friend-repository.js';
import { SqliteEssenceRepository, SqliteSecretRepository, SqliteSignRepository } from './group-content-repositories.js';
import { SqliteGroupRepository } from './group-repository.js';
import { SqliteGroupSettingsRepository } from './group-settings-repository.js';
import { SqliteLikeRepository } from './like-repository.js';
import { SqliteMemberRepository } from './member-repository.js';
import { SqliteMessageRepository } from './message-repository.js';
import { SqliteNoticeRepository } from './notice-repository.js';
import { SqliteOnlineFileRepository } from './online-file-repository.js';
import { SqlitePinRepository } from './pin-repository.js';
import { SqliteFaultRepository, SqliteHealthRepository } from './fault-repository.js';
import { SqliteGroupMsgMaskRepository } from './group-msg-mask-repository.js';
import { SqliteReactionRepository } from './reaction-repository.js';
import { SqliteTranscriptRepository } from './transcript-repository.js';
import { SqliteUploadStreamRepository } from './upload-stream-repository.js';
import { SqliteRequestRepository } from './request-repository.js';
import { UnitJournal } from './unit-journal.js';
import { SqliteWorldFileRepository } from './world-file-repository.js';
import { copyInto, replaceFrom } from './whole-copy.js';
import { WriteBatcher } from './write-batcher.js';

/**
 * The SQLite world store. `path` ":memory:" gives a private in-memory world (tests).
 *
 * One connection, used only from the event loop's thread: a unit of work is a synchronous
 * closure, so it runs from first read to last write without anything else touching the
 * database, which makes units serializable with no locking at all. Units arriving in one turn
 * of the event loop share a commit (WriteBatcher).
 */
export class SqliteWorldStore implements WorldStore {
  readonly db: SqliteDatabase;
  readonly accounts: SqliteAccountRepository;
  readonly friends: SqliteFriendRepository;
  readonly groups: SqliteGroupRepository;
  readonly members: SqliteMemberRepository;
  readonly messages: SqliteMessageRepository;
  readonly reactions: SqliteReactionRepository;
  readonly forwards: SqliteForwardRepository;
  readonly pins: SqlitePinRepository;
  readonly groupMsgMasks: SqliteGroupMsgMaskRepository;
  readonly requests: SqliteRequestRepository;
  readonly groupSettings: SqliteGroupSettingsRepository;
  readonly notices: SqliteNoticeRepository;
  readonly signs: SqliteSignRepository;
  readonly essence: SqliteEssenceRepository;
  readonly secrets: SqliteSecretRepository;
  readonly likes: SqliteLikeRepository;
  readonly collections: SqliteCollectionRepository;
  readonly customFaces: SqliteCustomFaceRepository;
  readonly groupFiles: SqliteGroupFileRepository;
  readonly privateFiles: SqlitePrivateFileRepository;
  readonly albums: SqliteAlbumRepository;
  readonly todos: SqliteTodoRepository;
  readonly keyboardClicks: SqliteKeyboardClickRepository;
  readonly qzone: SqliteQzoneRepository;
  readonly groupFeatures: SqliteGroupFeaturesRepository;
  readonly presence: SqlitePresenceRepository;
  readonly flash: SqliteFlashRepository;
  readonly onlineFiles: SqliteOnlineFileRepository;
  readonly transcripts: SqliteTranscriptRepository;
  readonly uploadStreams: SqliteUploadStreamRepository;
  readonly worldFiles: SqliteWorldFileRepository;
  readonly faults: SqliteFaultRepository;
  readonly health: SqliteHealthRepository;
  readonly #journal: UnitJournal;
  readonly #batcher: WriteBatcher;
  #checkpointer: Checkpointer;
  #closed = false;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.#checkpointer = new Checkpointer(this.db);
    const journal = (this.#journal = new UnitJournal(this.db));
    this.#batcher = new WriteBatcher(this.db, journal, (durationMs) => this.#checkpointer.committed(durationMs));
    this.accounts = new SqliteAccountRepository(this.db, journal);
    this.friends = new SqliteFriendRepository(this.db, journal);
    this.members = new SqliteMemberRepository(this.db, journal);
    this.groups = new SqliteGroupRepository(this.db, journal);
    this.messages = new SqliteMessageRepository(this.db, journal);
    this.reactions = new SqliteReactionRepository(this.db, journal);
    this.forwards = new SqliteForwardRepository(this.db);
    this.pins = new SqlitePinRepository(this.db, journal);
    this.groupMsgMasks = new SqliteGroupMsgMaskRepository(this.db, journal);
    this.requests = new SqliteRequestRepository(this.db, journal);
    this.groupSettings = new SqliteGroupSettingsRepository(this.db, journal);
    this.notices = new SqliteNoticeRepository(this.db, journal);
    this.signs = new SqliteSignRepository(this.db, journal);
    this.essence = new SqliteEssenceRepository(this.db, journal);
    this.secrets = new SqliteSecretRepository(this.db, journal);
    this.likes = new SqliteLikeRepository(this.db, journal);
    this.collections = new SqliteCollectionRepository(this.db, journal);
    this.customFaces = new SqliteCustomFaceRepository(this.db, journal);
    this.groupFiles = new SqliteGroupFileRepository(this.db, journal);
    this.privateFiles = new SqlitePrivateFileRepository(this.db, journal);
    this.albums = new SqliteAlbumRepository(this.db, journal);
    this.todos = new SqliteTodoRepository(this.db, journal);
    this.keyboardClicks = new SqliteKeyboardClickRepository(this.db, journal);
    this.qzone = new SqliteQzoneRepository(this.db, journal);
    this.groupFeatures = new SqliteGroupFeaturesRepository(this.db, journal);
    this.presence = new SqlitePresenceRepository(this.db, journal);
    this.flash = new SqliteFlashRepository(this.db, journal);
    this.onlineFiles = new SqliteOnlineFileRepository(this.db, journal);
    this.transcripts = new SqliteTranscriptRepository(this.db, journal);
    this.uploadStreams = new SqliteUploadStreamRepository(this.db, journal);
    this.worldFiles = new SqliteWorldFileRepository(this.db, journal);
    this.faults = new SqliteFaultRepository(this.db, journal);
    this.health = new SqliteHealthRepository(this.db, journal);
  }

  transaction<T>(work: () => T): Promise<T> {
    if (this.#journal.active) {
      throw new Error('store.transaction was called inside a unit of work; compose the synchronous operations into one unit instead');
    }
    if (this.#closed) return Promise.reject(new Error('the world store is closed'));
    return this.#batcher.run(() => {
      let result: T;
      try {
        result = work();
      } catch (error) {
        throw domainErrorOf(error);
      }
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        throw new Error('a unit of work returned a promise: it must be synchronous (no awaits inside store.transaction)');
      }
      return result;
    });
  }

  saveCopy(path: string): void {
    this.#open();
    this.#batcher.flush();
    copyInto(this.db, path);
  }

  restoreCopy(path: string): void {
    this.#open();
    // Units still queued are not committed first: they run after the restore, against the
    // restored world, and their events follow `world.restored`. Committed first, into the world
    // being replaced, their promises would settle after the restore, so their events (a message,
    // a health change) would announce what the restored world does not hold.
    try {
      replaceFrom(this.db, path);
    } finally {
      // Every table changed under the repositories' caches (or, on failure, may have).
      this.#journal.forgetAll();
    }
  }

  onForget(forget: () => void): void {
    this.#journal.onBatchFailed(forget);
  }

  blobReferences(into: Set<string>, copyPath?: string): void {
    if (copyPath !== undefined) return collectBlobReferencesOf(copyPath, into);
    this.#open();
    this.#batcher.flush();
    collectBlobReferences(this.db, into);
  }

  #open(): void {
    if (this.#closed) throw new Error('the world store is closed');
    if (this.#journal.active) throw new Error('snapshots and blob references commit the queued units first: not inside a unit of work');
  }

  /**
   * Starts background work on a file database: WAL checkpoints in a worker thread while the world
   * is busy (see Checkpointer). Without it SQLite checkpoints inside commits, which is correct but
   * slower under load.
   */
  startMaintenance(onError?: (message: string) => void, timing?: CheckpointTiming): void {
    if (onError) this.#checkpointer = new Checkpointer(this.db, onError);
    this.#checkpointer.start(timing);
  }

  /** Whether the checkpoint thread is running now (tests, diagnostics). */
  get checkpointing(): boolean {
    return this.#checkpointer.running;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#batcher.flush();
    await this.#checkpointer.stop();
    this.db.close();
  }
}
