import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { MessageService } from '../messages/message-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { PrivateFile } from './records.js';

/**
 * Files sent in a private chat (upload_private_file). QQ lets an account send files to its
 * friends, and to strangers it shares a group with (temp chat). The receiver gets it as a file
 * message in their private chat, stored in the same unit of work as the file.
 */
export class PrivateFileService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly messages: MessageService,
  ) {}

  /** Sends a file; reading and hashing it happen before the unit of work, the checks before that and again inside. */
  async send(senderId: number, receiverId: number, source: string, name: string): Promise<PrivateFile> {
    const fileName = name.trim();
    const checkPeers = () => {
      const accounts = this.ctx.store.accounts.getMany([senderId, receiverId]);
      if (!accounts.has(senderId)) throw new WorldError('USER_NOT_FOUND', `user ${senderId} does not exist`);
      if (!accounts.has(receiverId)) throw new WorldError('USER_NOT_FOUND', `user ${receiverId} does not exist`);
      if (senderId === receiverId) throw new WorldError('INVALID_ARGUMENT', `account ${senderId} cannot send a file to itself`);
      // The file arrives as a private message, so a message's rules decide (mutual friends, else a
      // temp chat through a group that allows one), here before the source is read as in the unit.
      this.messages.requireMaySend(senderId, { type: 'private', userId: receiverId });
    };
    checkPeers();
    if (fileName === '' || /[/\\\0]/.test(fileName)) {
      throw new WorldError('INVALID_ARGUMENT', `the file name ${JSON.stringify(name)} is empty or contains "/", "\\" or NUL`);
    }
    const ref = await this.media.ingest(source, senderId, fileName);
    const { md5 } = await this.media.blobs.digests(ref.blobId, ['md5']);
    return transaction(this.ctx, (tx) => {
      checkPeers();
      const file: PrivateFile = {
        fileId: `/${this.ctx.random.uuid()}`,
        senderId,
        receiverId,
        name: fileName,
        blobId: ref.blobId,
        size: ref.size,
        md5,
        uploadTime: now(this.ctx),
      };
      this.ctx.store.privateFiles.insert(file);
      const media = { blobId: ref.blobId, name: fileName, size: ref.size, mime: ref.mime };
      this.messages.postIn(
        tx,
        senderId,
        { type: 'private', userId: receiverId },
        [{ kind: 'file', media, fileId: file.fileId }],
        [{ ...media, fileId: file.fileId }],
      );
      return file;
    });
  }

  /** A file the account sent or received; FILE_NOT_FOUND for anyone else. */
  require(userId: number, fileId: string): PrivateFile {
    const file = this.ctx.store.privateFiles.get(fileId);
    if (!file || (file.senderId !== userId && file.receiverId !== userId)) {
      throw new WorldError('FILE_NOT_FOUND', `account ${userId} has no private file ${fileId}`, { fileId });
    }
    return file;
  }
}
