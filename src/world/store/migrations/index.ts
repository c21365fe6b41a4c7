import { foundation } from './001-foundation.js';
import { messagesMigration } from './002-messages.js';
import { likesFavoritesFiles } from './003-likes-favorites-files.js';
import { groupAdmin } from './004-group-admin.js';
import { worldRules } from './005-world-rules.js';

/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped, nor change its version: add a new one (a database records the
 * versions it has applied; file and constant names may change freely). 001 foundation,
 * 002 messages, 003 likes, favourites and files, 004 requests and group administration,
 * 005 rules of the world stated as constraints.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [foundation, messagesMigration, likesFavoritesFiles, groupAdmin, worldRules];
