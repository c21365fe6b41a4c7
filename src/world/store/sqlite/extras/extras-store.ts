import type { ExtrasStore } from '../../extras-store.js';
import type { SqliteDatabase } from '../database.js';
import { SqliteGroupSettingsRepository } from './group-settings-repository.js';
import { SqliteNoticeRepository } from './notice-repository.js';
import { SqlitePinRepository } from './pin-repository.js';
import { SqliteRequestRepository } from './request-repository.js';
import { SqliteEssenceRepository, SqliteSecretRepository, SqliteSignRepository } from './sign-essence-secret-repositories.js';

/** The SQLite repositories of group administration and requests (migration 004) and pinned chats (006). */
export class SqliteExtrasStore implements ExtrasStore {
  readonly requests: SqliteRequestRepository;
  readonly groupSettings: SqliteGroupSettingsRepository;
  readonly notices: SqliteNoticeRepository;
  readonly signs: SqliteSignRepository;
  readonly essence: SqliteEssenceRepository;
  readonly secrets: SqliteSecretRepository;
  readonly pins: SqlitePinRepository;

  constructor(db: SqliteDatabase) {
    this.requests = new SqliteRequestRepository(db);
    this.groupSettings = new SqliteGroupSettingsRepository(db);
    this.notices = new SqliteNoticeRepository(db);
    this.signs = new SqliteSignRepository(db);
    this.essence = new SqliteEssenceRepository(db);
    this.secrets = new SqliteSecretRepository(db);
    this.pins = new SqlitePinRepository(db);
  }
}
