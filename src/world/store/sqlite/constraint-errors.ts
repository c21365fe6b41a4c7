import Database from 'better-sqlite3';
import { WorldError } from '../../errors.js';

/**
 * The database constraints that state a rule of the world, and the world error each one means.
 * The services check every rule before writing, so none of these should ever fire; if one does
 * (a check was forgotten), the client still gets the catalogue's answer for the rule instead of
 * an internal error. Any other constraint failure is a bug and stays one (retcode 1200, logged).
 *
 * Keys are what SQLite names in its message: `table.column, ...` for a primary key, a UNIQUE
 * clause or a unique index on columns, `index 'name'` for a unique index on expressions.
 */
const rules: Record<string, () => WorldError> = {
  'accounts.user_id': () => new WorldError('ALREADY_EXISTS', 'the account already exists'),
  'groups.group_id': () => new WorldError('ALREADY_EXISTS', 'the group already exists'),
  'members.group_id, members.user_id': () => new WorldError('ALREADY_EXISTS', 'the user is already a member of the group'),
  // members_one_owner: the only unique index on group_id alone.
  'members.group_id': () => new WorldError('CONFLICT', 'the group already has an owner'),
  "index 'requests_one_pending'": () => new WorldError('ALREADY_EXISTS', 'the same request is already pending'),
  'group_folders.group_id, group_folders.name': () => new WorldError('ALREADY_EXISTS', 'the group already has a folder of that name'),
  'custom_faces.owner_id, custom_faces.md5': () => new WorldError('ALREADY_EXISTS', 'the account already has this sticker'),
  'group_signs.group_id, group_signs.day, group_signs.user_id': () =>
    new WorldError('ALREADY_EXISTS', 'the member has already checked in today'),
  'essence_messages.group_id, essence_messages.message_id': () =>
    new WorldError('ALREADY_EXISTS', 'the message is already an essence message'),
};

const uniqueFailure = /^UNIQUE constraint failed: (.+)$/;

/** The world error a thrown database error stands for, or the error itself. */
export function domainErrorOf(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError) || !error.code.startsWith('SQLITE_CONSTRAINT')) return error;
  const detail = uniqueFailure.exec(error.message)?.[1];
  const rule = detail === undefined ? undefined : rules[detail];
  return rule ? rule() : error;
}
