import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { WorldError } from '../errors.js';
import { isLocalPath, openLocalFile, type LocalFilePolicy } from '../media/local-files.js';
import { listLocalFolder } from '../media/local-folders.js';
import type { MediaService } from '../media/media-service.js';
import type { MessageService } from '../messages/message-service.js';
import type { WorldRandom } from '../../util/random.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { OnlineFile } from './records.js';

/**
 * QQ's online files (在线文件): a friend offers a file peer to peer; it shows in the private chat
 * as an onlinefile message, and the receiver accepts or refuses it, or the sender cancels it,
 * once. The sender hears the answer (NapCat's `online_file_send`, receive or refuse); the
 * receiver hears a cancel (`online_file_receive`). Accepting gives the receiver the bytes.
 */
export class OnlineFileService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly messages: MessageService,
  ) {}

  /** Offers a file to a friend; the source is read before the unit of work, the checks run before that and inside it. */
  async send(senderId: number, receiverId: number, source: string, name?: string): Promise<OnlineFile> {
    this.#requireFriends(senderId, receiverId);
    const fileName = name === undefined || name === '' ? undefined : checkName(name);
    const ref = await this.media.ingest(source, senderId, fileName);
    return this.#offer(senderId, receiverId, { name: fileName ?? ref.name, blobId: ref.blobId, size: ref.size, isDir: false });
  }

  /**
   * Offers a whole local folder (send_online_folder): a path the bot may read (media.fileRoots),
   * walked for its regular files, each read as any local file is. The receiver gets one zip of the
   * folder; the offer shows the folder's name and the files' total size.
   */
  async sendFolder(senderId: number, receiverId: number, folderPath: string, name?: string): Promise<OnlineFile> {
    this.#requireFriends(senderId, receiverId);
    const folderName = name === undefined || name === '' ? undefined : checkName(name);
    const path = /^file:/i.test(folderPath) ? fileURLToPath(folderPath) : folderPath;
    if (!isLocalPath(path))
      throw new WorldError('INVALID_ARGUMENT', 'folder_path must be a local folder (an absolute path or a file:// URL)');
    const folder = await listLocalFolder(path, this.media.limits.localFiles, folderPath);
    const root = folderName ?? folder.name;
    const mtime = new Date(now(this.ctx) * 1000);
    const entries: Record<string, [Uint8Array, { mtime: Date }]> = { [`${root}/`]: [new Uint8Array(0), { mtime }] };
    // Every file is read under the local-file policy and counted against the limit before anything
    // is stored: only the zip becomes a blob, so a folder over the limit leaves nothing behind.
    const limit = this.media.limits.maxBytes;
    const tooLarge = () => new WorldError('MEDIA_TOO_LARGE', `the folder is larger than the limit of ${limit} bytes`);
    let total = 0;
    for (const file of folder.files) {
      const bytes = await readWithin(file.path, this.media.limits.localFiles, limit - total, tooLarge);
      total += bytes.length;
      entries[`${root}/${file.inside}`] = [bytes, { mtime }];
    }
    const archive = await this.media.put(Buffer.from(zipSync(entries)), `${root}.zip`);
    return this.#offer(senderId, receiverId, { name: root, blobId: archive.blobId, size: total, isDir: true });
  }

  #offer(senderId: number, receiverId: number, what: Pick<OnlineFile, 'name' | 'blobId' | 'size' | 'isDir'>): Promise<OnlineFile> {
    return transaction(this.ctx, (tx) => {
      this.#requireFriends(senderId, receiverId);
      const msgId = ntId(this.ctx.random);
      const elementId = ntId(this.ctx.random);
      const message = this.messages.postIn(
        tx,
        senderId,
        { type: 'private', userId: receiverId },
        [{ kind: 'onlinefile', msgId, elementId, name: what.name, size: what.size, isDir: what.isDir }],
        [],
      );
      const file: OnlineFile = {
        msgId,
        elementId,
        messageId: message.messageId,
        senderId,
        receiverId,
        ...what,
        state: 'offered',
        offerTime: message.time,
        answerTime: 0,
      };
      this.ctx.store.onlineFiles.insert(file);
      return file;
    });
  }

  /** Offers between the account and a peer, either way, oldest first. */
  between(userId: number, peerId: number): OnlineFile[] {
    if (!this.ctx.store.accounts.get(peerId)) throw new WorldError('USER_NOT_FOUND', `user ${peerId} does not exist`);
    return this.ctx.store.onlineFiles.between(userId, peerId);
  }

  /** The receiver accepts (`receive`) or refuses an offer from `senderId`. */
  answer(receiverId: number, senderId: number, msgId: string, elementId: string, accept: boolean): Promise<OnlineFile> {
    return transaction(this.ctx, (tx) => {
      const file = this.#requireOffer(msgId, (offer) => offer.receiverId === receiverId && offer.senderId === senderId);
      if (file.elementId !== elementId)
        throw new WorldError('FILE_NOT_FOUND', `online file ${msgId} has no element ${elementId}`, { msgId });
      const answered = this.ctx.store.onlineFiles.answer(msgId, accept ? 'received' : 'refused', now(this.ctx));
      tx.emit({ type: 'online_file.answered', senderId, receiverId, msgId, outcome: accept ? 'receive' : 'refuse', audience: [senderId] });
      return answered;
    });
  }

  /** The sender withdraws an offer to `receiverId` that is still open. */
  cancel(senderId: number, receiverId: number, msgId: string): Promise<OnlineFile> {
    return transaction(this.ctx, (tx) => {
      this.#requireOffer(msgId, (offer) => offer.senderId === senderId && offer.receiverId === receiverId);
      const cancelled = this.ctx.store.onlineFiles.answer(msgId, 'cancelled', now(this.ctx));
      tx.emit({ type: 'online_file.answered', senderId, receiverId, msgId, outcome: 'cancel', audience: [receiverId] });
      return cancelled;
    });
  }

  #requireOffer(msgId: string, mine: (file: OnlineFile) => boolean): OnlineFile {
    const file = this.ctx.store.onlineFiles.get(msgId);
    if (!file || !mine(file)) throw new WorldError('FILE_NOT_FOUND', `no online file ${msgId} between these accounts`, { msgId });
    if (file.state !== 'offered') {
      throw new WorldError('CONFLICT', `online file ${msgId} was already ${file.state}`, { msgId, state: file.state });
    }
    return file;
  }

  #requireFriends(senderId: number, receiverId: number): void {
    const accounts = this.ctx.store.accounts.getMany([senderId, receiverId]);
    if (!accounts.has(senderId)) throw new WorldError('USER_NOT_FOUND', `user ${senderId} does not exist`);
    if (!accounts.has(receiverId)) throw new WorldError('USER_NOT_FOUND', `user ${receiverId} does not exist`);
    if (senderId === receiverId) throw new WorldError('INVALID_ARGUMENT', `account ${senderId} cannot send a file to itself`);
    // Mutual: NapCat always offers in the friend chat (SendOnlineFile.ts: KCHATTYPEC2C), and once the
    // receiver removed the sender that chat is gone; the offer must not slip out as a temp chat.
    const friends = this.ctx.store.friends;
    if (!friends.get(senderId, receiverId) || !friends.get(receiverId, senderId)) {
      throw new WorldError(
        'NOT_FRIENDS',
        `account ${senderId} and user ${receiverId} are not friends; QQ offers online files to friends only`,
      );
    }
  }
}

/** A local file's bytes, when it holds at most `room` bytes; `tooLarge()` otherwise (also if it grew while read). */
async function readWithin(path: string, policy: LocalFilePolicy, room: number, tooLarge: () => WorldError): Promise<Uint8Array> {
  let opened;
  try {
    opened = await openLocalFile(path, policy, room, path);
  } catch (error) {
    if (error instanceof WorldError && error.code === 'MEDIA_TOO_LARGE') throw tooLarge();
    throw error;
  }
  try {
    const bytes = await opened.handle.readFile();
    if (bytes.length > room) throw tooLarge();
    return bytes;
  } finally {
    await opened.handle.close();
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || /[/\\\0]/.test(trimmed) || trimmed.length > 255) {
    throw new WorldError('INVALID_ARGUMENT', `the file name ${JSON.stringify(name)} is empty, too long or contains "/", "\\" or NUL`);
  }
  return trimmed;
}

/** An NT-style id: a 19-digit decimal string, from the world's seeded source so `--seed` repeats it. */
export function ntId(random: WorldRandom): string {
  return (7000000000000000000n + (random.bytes(8).readBigUInt64BE() % 1000000000000000000n)).toString();
}
