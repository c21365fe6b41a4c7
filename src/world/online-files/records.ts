/** Where an offer stands: offered until the receiver accepts or refuses it, or the sender cancels it. */
export type OnlineFileState = 'offered' | 'received' | 'refused' | 'cancelled';

/** A file offered peer to peer in a private chat (QQ's 在线文件). Its bytes are the media blob `blobId`. */
export interface OnlineFile {
  /** The NT message id of the offer (a decimal string), as the onlinefile segment's `msgId`. */
  readonly msgId: string;
  readonly elementId: string;
  /** The chat message that shows the offer. */
  readonly messageId: number;
  readonly senderId: number;
  readonly receiverId: number;
  readonly name: string;
  /** A whole folder (send_online_folder): `blobId` is a zip of its files, `size` their total. */
  readonly isDir: boolean;
  readonly blobId: string;
  readonly size: number;
  readonly state: OnlineFileState;
  readonly offerTime: number;
  readonly answerTime: number;
}
