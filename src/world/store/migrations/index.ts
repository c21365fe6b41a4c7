import { foundation } from './001-foundation.js';
import { messagesMigration } from './002-messages.js';
import { seedExtras } from './003-seed-extras.js';
import { groupAdmin } from './004-group-admin.js';
import { peerPins } from './006-peer-pins.js';

/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped: add a new one. Versions are assigned per area up front so that
 * parallel work does not collide (001 foundation, 002 messages, 003 media and files,
 * 004 requests and group extras, 005 profile and favourites, 006 pinned chats).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [foundation, messagesMigration, seedExtras, groupAdmin, peerPins];
