/**
 * Message elements: what a QQ message is made of, as the world stores it. OneBot segments are
 * converted to and from these in `onebot/message/`; the world never sees a segment or a CQ code.
 *
 * Media elements refer to blobs in the content-addressed media store by their sha256 id, so a
 * message keeps working after a restart and the same bytes are stored once.
 */

import type { KeyboardButton } from '../keyboards/keyboard-model.js';

/** A stored blob: the bytes live in the media store under `blobId` (hex sha256). */
export interface MediaRef {
  readonly blobId: string;
  /** The name the sender gave it (or one derived from the blob id). */
  readonly name: string;
  readonly size: number;
  readonly mime: string;
}

export type Element =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'face';
      readonly faceId: number;
      readonly resultId?: string;
      readonly chainCount?: number;
      /** QQ's face type when the sender named one: 1 classic, 2 new, 3 super (animated), 4 extended. */
      readonly faceType?: number;
    }
  | {
      readonly kind: 'mface';
      readonly packageId: number;
      readonly emojiId: string;
      readonly key: string;
      readonly summary: string;
    }
  | { readonly kind: 'at'; readonly target: number | 'all'; readonly name?: string }
  | { readonly kind: 'reply'; readonly messageId: number }
  | {
      readonly kind: 'image';
      readonly media: MediaRef;
      readonly summary?: string;
      readonly subType?: number;
      readonly flash?: boolean;
    }
  | { readonly kind: 'record'; readonly media: MediaRef }
  | { readonly kind: 'video'; readonly media: MediaRef; readonly thumb?: MediaRef }
  | { readonly kind: 'file'; readonly media: MediaRef; readonly fileId: string }
  | { readonly kind: 'json'; readonly data: string }
  | { readonly kind: 'xml'; readonly data: string }
  | { readonly kind: 'markdown'; readonly content: string }
  | { readonly kind: 'poke'; readonly pokeType: number; readonly pokeId: number }
  | { readonly kind: 'dice'; readonly result: number }
  | { readonly kind: 'rps'; readonly result: number }
  | {
      readonly kind: 'music';
      /** qq/163/kugou/kuwo/migu with a song id, or custom with the card fields. */
      readonly platform: string;
      readonly songId?: string;
      readonly url?: string;
      readonly audio?: string;
      readonly title?: string;
      readonly content?: string;
      readonly image?: string;
    }
  | { readonly kind: 'contact'; readonly contactType: 'qq' | 'group'; readonly id: number }
  | {
      readonly kind: 'location';
      readonly lat: number;
      readonly lon: number;
      readonly title: string;
      readonly content: string;
    }
  | {
      readonly kind: 'share';
      readonly url: string;
      readonly title: string;
      readonly content: string;
      readonly image: string;
    }
  /** A flash transfer (闪传) card: the file set `filesetId` (world/flash), sent with send_flash_msg. */
  | { readonly kind: 'flashtransfer'; readonly filesetId: string }
  /**
   * An online file (or folder) offered peer to peer; `msgId` and `elementId` name the offer
   * (world/online-files), as QQ's NT ids do, so the receiver can accept or refuse it.
   */
  | {
      readonly kind: 'onlinefile';
      readonly msgId: string;
      readonly elementId: string;
      readonly name: string;
      readonly size: number;
      readonly isDir: boolean;
    }
  /** An inline keyboard under a bot's message (QQ's official-bot keyboards); `botAppid` names the bot. */
  | { readonly kind: 'keyboard'; readonly botAppid: string; readonly rows: readonly (readonly KeyboardButton[])[] }
  /** A merged-forward card; the nodes live in the forward store under `forwardId`. */
  | { readonly kind: 'forward'; readonly forwardId: string; readonly summary?: string };

export type ElementKind = Element['kind'];

/** Plain text of a message as QQ shows it in a notification or a recent-contact preview. */
export function previewText(elements: readonly Element[]): string {
  return elements
    .map((element) => {
      switch (element.kind) {
        case 'text':
          return element.text;
        case 'face':
          return '[表情]';
        case 'image':
          return element.summary || '[图片]';
        case 'record':
          return '[语音]';
        case 'video':
          return '[视频]';
        case 'file':
          return `[文件] ${element.media.name}`;
        case 'at':
          return element.target === 'all' ? '@全体成员 ' : `@${element.name ?? element.target} `;
        case 'forward':
          return '[聊天记录]';
        case 'flashtransfer':
          return '[闪传]';
        case 'onlinefile':
          return `[在线文件] ${element.name}`;
        case 'reply':
          return '';
        default:
          return `[${element.kind}]`;
      }
    })
    .join('');
}
