import type { GroupFile, PrivateFile } from '../files/records.js';
import { visibleRanges } from '../messages/message-access.js';
import type { StoredFile } from '../store/message-store.js';
import type { WorldStore } from '../store/store.js';

/**
 * Media ids are capabilities of their conversation: an id Catnap handed out (a file element's
 * file_id or name, a group file id, a private file id) resolves only for an account that could
 * see that media in QQ. This is the one place the rule lives; the media resolvers ask it.
 *
 * - a file sent in a message: some message carrying it is one the account may see (`canSee`:
 *   in a group it is a member of now and after its history floor there, or in a private chat
 *   it is one side of);
 * - a group file: the account is a member of the group now;
 * - a private file: the account sent or received it.
 *
 * Blob ids (and Catnap's `/media/<sha256>` URLs) are not in this list: a blob id is the sha256
 * of the bytes, so knowing it means having seen the media or having the bytes already, and the
 * same id is served without a token at `/media/`.
 */
export async function messageFileSeenBy(
  store: WorldStore,
  viewerId: number,
  match: { readonly fileId: string } | { readonly name: string },
): Promise<StoredFile | undefined> {
  // Nothing by that id or name anywhere: answer without looking through conversations.
  const known = 'fileId' in match ? await store.messages.file(match.fileId) : await store.messages.fileByName(match.name);
  if (!known) return undefined;
  return store.messages.fileIn(match, visibleRanges(store, viewerId));
}

export async function groupFileSeenBy(store: WorldStore, viewerId: number, fileId: string): Promise<GroupFile | undefined> {
  const file = await store.groupFiles.findFile(fileId);
  return file && (await store.members.get(file.groupId, viewerId)) ? file : undefined;
}

export async function privateFileSeenBy(store: WorldStore, viewerId: number, fileId: string): Promise<PrivateFile | undefined> {
  const file = await store.privateFiles.get(fileId);
  return file && (file.senderId === viewerId || file.receiverId === viewerId) ? file : undefined;
}
