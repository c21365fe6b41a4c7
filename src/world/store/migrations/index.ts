import { foundation } from './001-foundation.js';
import { messagesMigration } from './002-messages.js';
import { likesFavoritesFiles } from './003-likes-favorites-files.js';
import { groupAdmin } from './004-group-admin.js';
import { peerPins } from './006-peer-pins.js';
import { worldRules } from './007-world-rules.js';
import { flashTransfer } from './020-flash-transfer.js';
import { onlineFiles } from './021-online-files.js';

/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped, nor change its version: add a new one (a database records the
 * versions it has applied; file and constant names may change freely). Versions are taken per
 * area so that parallel work does not collide: 001 foundation, 002 messages, 003 likes,
 * favourites and files, 004 requests and group administration, 005 reserved (profile and
 * favourites, which landed in 003), 006 pinned chats, 007 rules of the world stated as
 * constraints, 020 flash transfer, 021 online files.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  foundation,
  messagesMigration,
  likesFavoritesFiles,
  groupAdmin,
  peerPins,
  worldRules,
  flashTransfer,
  onlineFiles,
];
