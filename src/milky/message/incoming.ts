import type { IncomingSegment } from '@saltify/milky-types';
import type { z } from 'zod';
import type { PublicUrls } from '../../util/public-urls.js';
import { previewText, type Element, type MediaRef } from '../../world/messages/elements.js';
import { mediaFileName } from '../../world/messages/media-ids.js';
import type { World } from '../../world/world.js';
import { imageDimensions } from './image-dimensions.js';

export type Segment = z.input<typeof IncomingSegment>;
/** The kind of chat elements were sent in: a file segment carries its hash only in a private chat. */
export type SegmentChat = 'private' | 'group';

/** Milky's uins run from 10001 to 2^32 - 1 (the spec's `zUin`); anyone outside cannot be a mention target. */
const minUin = 10001;
const maxUin = 4294967295;

/** QQ's face type of a super (large, animated) face, which Milky flags as `is_large`. */
export const superFaceType = 3;

/** The resource id Milky hands out for stored media: `<sha256>.<ext>`, which the world resolves again. */
export function resourceIdOf(media: MediaRef): string {
  return mediaFileName(media);
}

/**
 * Turns stored elements into Milky's incoming segments. Elements Milky has no segment for
 * (dice, rps, poke, music, contact, location, share, markdown) arrive as their preview text, as a
 * Milky client of real QQ sees them. Async because replies, forwards and images need the world
 * (the quoted message, the forward card, the image's pixel size).
 */
export class SegmentRenderer {
  /** `viewerId` is whose eyes the segments are for: a quote shows only what that account may see. */
  constructor(
    private readonly world: World,
    private readonly urls: PublicUrls,
    private readonly viewerId: number,
  ) {}

  async render(elements: readonly Element[], chat: SegmentChat, depth = 0): Promise<Segment[]> {
    const segments: Segment[] = [];
    for (const element of elements) segments.push(await this.#segment(element, chat, depth));
    return segments;
  }

  async #segment(element: Element, chat: SegmentChat, depth: number): Promise<Segment> {
    switch (element.kind) {
      case 'text':
        return { type: 'text', data: { text: element.text } };
      case 'at':
        if (element.target === 'all') return { type: 'mention_all', data: {} };
        if (element.target < minUin || element.target > maxUin)
          return { type: 'text', data: { text: `@${element.name ?? element.target}` } };
        return { type: 'mention', data: { user_id: element.target, name: element.name ?? String(element.target) } };
      case 'face':
        return { type: 'face', data: { face_id: String(element.faceId), is_large: element.faceType === superFaceType } };
      case 'mface':
        return {
          type: 'market_face',
          data: {
            emoji_package_id: element.packageId,
            emoji_id: element.emojiId,
            key: element.key,
            summary: element.summary,
            url: `https://gxh.vip.qq.com/club/item/parcel/item/${element.emojiId.slice(0, 2)}/${element.emojiId}/raw300.gif`,
          },
        };
      case 'reply':
        return this.#reply(element.messageId, depth);
      case 'image': {
        const { width, height } = await imageDimensions(this.world, element.media.blobId);
        return {
          type: 'image',
          data: {
            resource_id: resourceIdOf(element.media),
            temp_url: this.urls.media(element.media.blobId),
            width,
            height,
            summary: element.summary || (element.subType === 1 ? '[动画表情]' : '[图片]'),
            sub_type: element.subType === 1 ? 'sticker' : 'normal',
          },
        };
      }
      case 'record':
        return {
          type: 'record',
          data: { resource_id: resourceIdOf(element.media), temp_url: this.urls.media(element.media.blobId), duration: 0 },
        };
      case 'video':
        return {
          type: 'video',
          data: {
            resource_id: resourceIdOf(element.media),
            temp_url: this.urls.media(element.media.blobId),
            width: 0,
            height: 0,
            duration: 0,
          },
        };
      case 'file':
        // The spec's file_hash exists in private chats only (get_private_file_download_url asks for it).
        return {
          type: 'file',
          data: {
            file_id: element.fileId,
            file_name: element.media.name,
            file_size: element.media.size,
            file_hash: chat === 'private' ? element.media.blobId : null,
          },
        };
      case 'json':
        return { type: 'light_app', data: { app_name: appNameOf(element.data), json_payload: element.data } };
      case 'xml':
        return { type: 'xml', data: { service_id: serviceIdOf(element.data), xml_payload: element.data } };
      case 'forward': {
        const bundle = this.world.forwards.find(element.forwardId);
        return {
          type: 'forward',
          data: {
            forward_id: element.forwardId,
            title: bundle?.card.source ?? '聊天记录',
            preview: [...(bundle?.card.news ?? [])],
            summary: bundle?.card.summary ?? element.summary ?? '',
          },
        };
      }
      default:
        return { type: 'text', data: { text: previewText([element]) } };
    }
  }

  /**
   * The quoted message with its content; one level deep, as QQ shows a quote inside a quote. A
   * quoted message the viewer may not see (from before its history floor, or from a chat it is
   * not in, quoted inside a forward) is shown as one that does not exist.
   */
  async #reply(messageId: number, depth: number): Promise<Segment> {
    const quoted = await this.world.messages.findVisible(this.viewerId, messageId);
    if (!quoted) return { type: 'text', data: { text: '' } };
    const content = depth > 0 ? [] : await this.render(quoted.recalled ? [] : quoted.elements, quoted.conversation.type, depth + 1);
    return {
      type: 'reply',
      data: {
        message_seq: quoted.seq,
        sender_id: quoted.senderId,
        time: quoted.time,
        segments: content.filter((segment) => segment.type !== 'reply'),
      },
    };
  }
}

function appNameOf(json: string): string {
  try {
    const parsed = JSON.parse(json) as { app?: unknown };
    return typeof parsed.app === 'string' ? parsed.app : '';
  } catch {
    return '';
  }
}

function serviceIdOf(xml: string): number {
  const match = /serviceID\s*=\s*["']?(\d{1,9})/i.exec(xml);
  return match ? Number(match[1]) : 0;
}
