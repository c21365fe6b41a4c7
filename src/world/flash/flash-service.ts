import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { MessageService } from '../messages/message-service.js';
import type { MessageRecord } from '../messages/message.js';
import type { SendTarget } from '../messages/send-target.js';
import type { WorldRandom } from '../../util/random.js';
import { now, transaction, type ServiceContext, type Tx } from '../services/context.js';
import { flashLifetimeSeconds, type FlashFile, type FlashFileSet, type FlashShare } from './records.js';

/** What an uploader gives for one file: any media source, and the name to keep. */
export interface FlashUpload {
  readonly source: string;
  readonly name?: string;
}

const maxFiles = 100;
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * QQ's flash transfer (闪传): an account uploads a set of files and gets a share link that stays
 * open for 14 days. Who may open a set: its uploader, anyone who opened its share link, and
 * anyone who sees a chat it was sent to (the group's members now, or the two sides of a private
 * chat). Everyone else is told it does not exist, as for any file id they could not have seen.
 */
export class FlashService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly messages: MessageService,
  ) {}

  /** Uploads a set: each source is read and stored before the unit of work, which records the set. */
  async create(ownerId: number, uploads: readonly FlashUpload[], name?: string): Promise<FlashFileSet> {
    const requireOwner = () => {
      if (!this.ctx.store.accounts.get(ownerId)) throw new WorldError('USER_NOT_FOUND', `user ${ownerId} does not exist`);
    };
    requireOwner();
    if (uploads.length === 0) throw new WorldError('INVALID_ARGUMENT', 'a flash transfer needs at least one file');
    if (uploads.length > maxFiles) throw new WorldError('INVALID_ARGUMENT', `a flash transfer holds at most ${maxFiles} files`);
    const stored: Omit<FlashFile, 'fileId'>[] = [];
    for (const [index, upload] of uploads.entries()) {
      const fileName = upload.name === undefined ? undefined : checkName(upload.name);
      const ref = await this.media.ingest(upload.source, ownerId, fileName);
      const { sha1 } = await this.media.blobs.digests(ref.blobId, ['sha1']);
      stored.push({ index, name: fileName ?? ref.name, blobId: ref.blobId, size: ref.size, sha1 });
    }
    const setName = name?.trim() || stored[0]!.name;
    return transaction(this.ctx, () => {
      requireOwner();
      return this.#insert(ownerId, setName, stored);
    });
  }

  /** The set as `viewerId` may open it (FILE_NOT_FOUND otherwise, or when it has expired). */
  require(viewerId: number, filesetId: string): FlashFileSet {
    const set = this.ctx.store.flash.get(filesetId);
    if (!set || !this.#mayOpen(viewerId, set)) throw notFound(filesetId);
    this.#requireOpen(set);
    return set;
  }

  /** Opens a share link by its code: the account may open the set from now on. */
  redeem(viewerId: number, code: string): Promise<FlashFileSet> {
    return transaction(this.ctx, () => {
      if (!this.ctx.store.accounts.get(viewerId)) throw new WorldError('USER_NOT_FOUND', `user ${viewerId} does not exist`);
      const set = this.ctx.store.flash.byShareCode(code);
      if (!set) throw new WorldError('FILE_NOT_FOUND', `no flash transfer has the share code ${JSON.stringify(code)}`, { code });
      this.#requireOpen(set);
      if (set.ownerId !== viewerId) this.ctx.store.flash.addViewer(set.filesetId, viewerId);
      return set;
    });
  }

  /** Sends the set's card to a chat (send_flash_msg); everyone who sees the chat may open it. */
  send(senderId: number, filesetId: string, target: SendTarget): Promise<MessageRecord> {
    return transaction(this.ctx, (tx) => this.sendIn(tx, senderId, filesetId, target));
  }

  sendIn(tx: Tx, senderId: number, filesetId: string, target: SendTarget): MessageRecord {
    const set = this.require(senderId, filesetId);
    const message = this.messages.postIn(tx, senderId, target, [{ kind: 'flashtransfer', filesetId: set.filesetId }], []);
    const share: FlashShare =
      message.conversation.type === 'group'
        ? { kind: 'group', groupId: message.conversation.groupId }
        : { kind: 'private', userIds: [Math.min(senderId, message.targetId), Math.max(senderId, message.targetId)] };
    this.ctx.store.flash.addShare(set.filesetId, share);
    return message;
  }

  /** Saves the set for the account (download_fileset): recorded, so listings show it downloaded. */
  download(viewerId: number, filesetId: string): Promise<FlashFileSet> {
    return transaction(this.ctx, () => {
      const set = this.require(viewerId, filesetId);
      this.ctx.store.flash.recordDownload(set.filesetId, viewerId, now(this.ctx));
      return set;
    });
  }

  /** When the account saved the set (0 = never). */
  downloadTime(viewerId: number, filesetId: string): number {
    return this.ctx.store.flash.downloadTime(filesetId, viewerId);
  }

  /** Shares the same files again under a new set and link with a fresh 14 days (LLBot's reshare). */
  reshare(viewerId: number, filesetId: string): Promise<FlashFileSet> {
    return transaction(this.ctx, () => {
      const set = this.require(viewerId, filesetId);
      return this.#insert(viewerId, set.name, set.files);
    });
  }

  #insert(ownerId: number, name: string, files: readonly Omit<FlashFile, 'fileId'>[]): FlashFileSet {
    const time = now(this.ctx);
    const set: FlashFileSet = {
      filesetId: this.ctx.random.uuid(),
      ownerId,
      name,
      shareCode: newCode(this.ctx.random),
      createTime: time,
      expireTime: time + flashLifetimeSeconds,
      files: files.map((file) => ({ ...file, fileId: this.ctx.random.uuid() })),
    };
    this.ctx.store.flash.insert(set);
    return set;
  }

  #mayOpen(viewerId: number, set: FlashFileSet): boolean {
    if (set.ownerId === viewerId || this.ctx.store.flash.isViewer(set.filesetId, viewerId)) return true;
    return this.ctx.store.flash
      .shares(set.filesetId)
      .some((share) => (share.kind === 'group' ? !!this.ctx.store.members.get(share.groupId, viewerId) : share.userIds.includes(viewerId)));
  }

  #requireOpen(set: FlashFileSet): void {
    if (now(this.ctx) >= set.expireTime) {
      throw new WorldError(
        'FILE_NOT_FOUND',
        `flash transfer ${set.filesetId} expired at ${new Date(set.expireTime * 1000).toISOString()}`,
        {
          filesetId: set.filesetId,
        },
      );
    }
  }
}

function notFound(filesetId: string): WorldError {
  return new WorldError('FILE_NOT_FOUND', `no flash transfer ${filesetId} that this account may open`, { filesetId });
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || /[/\\\0]/.test(trimmed) || trimmed.length > 255) {
    throw new WorldError('INVALID_ARGUMENT', `the file name ${JSON.stringify(name)} is empty, too long or contains "/", "\\" or NUL`);
  }
  return trimmed;
}

/**
 * A share code: 10 characters QQ would not confuse (no 0/O, 1/l/I). The code alone opens the set
 * to whoever has it, so it is a secret (`random.secret`): xoroshiro's stream can be rebuilt from
 * the ids a bot sees, which would let it compute other accounts' codes. Under `--seed` it repeats.
 */
function newCode(random: WorldRandom): string {
  return [...random.secret(10)].map((byte) => codeAlphabet[byte % codeAlphabet.length]).join('');
}
