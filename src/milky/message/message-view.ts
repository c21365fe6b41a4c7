import type { IncomingForwardedMessage, IncomingMessage } from '@saltify/milky-types';
import type { z } from 'zod';
import type { PublicUrls } from '../../util/public-urls.js';
import { userAvatarUrl } from '../../world/media/avatar-urls.js';
import type { ForwardBundle } from '../../world/messages/forward.js';
import { peerOf, type MessageRecord } from '../../world/messages/message.js';
import { EntityViews, missingFriendEntity } from '../entities.js';
import { SegmentRenderer } from './incoming.js';

export type IncomingMessageView = z.input<typeof IncomingMessage>;
export type MessageScene = 'friend' | 'group' | 'temp';

/** The scene Milky files a message under: group, temp (a private chat through a group) or friend. */
export function sceneOf(record: MessageRecord): MessageScene {
  if (record.conversation.type === 'group') return 'group';
  return record.tempGroupId ? 'temp' : 'friend';
}

/** The peer Milky names a message by, seen from `viewerId`: the group, or the other side of the chat. */
export function peerIdOf(record: MessageRecord, viewerId: number): number {
  return record.conversation.type === 'group' ? record.conversation.groupId : peerOf(record.conversation, viewerId);
}

/**
 * Stored messages as Milky's IncomingMessage, seen by one account: addressed by scene, peer and
 * the conversation's seq, with the friend, or the group and the sender's membership, as they are
 * now. One instance serves one call or one event, so names and groups load once.
 */
export class MessageViews {
  readonly entities: EntityViews;
  readonly segments: SegmentRenderer;

  constructor(
    readonly views: { world: EntityViews['world']; urls: PublicUrls },
    readonly viewerId: number,
  ) {
    this.entities = new EntityViews(views.world, viewerId);
    this.segments = new SegmentRenderer(views.world, views.urls, viewerId);
  }

  async message(record: MessageRecord): Promise<IncomingMessageView> {
    const base = {
      peer_id: peerIdOf(record, this.viewerId),
      message_seq: record.seq,
      sender_id: record.senderId,
      time: record.time,
      segments: await this.segments.render(record.recalled ? [] : record.elements, record.conversation.type),
    };
    const scene = sceneOf(record);
    if (scene === 'group') {
      const groupId = base.peer_id;
      const group = (await this.entities.group(groupId)) ?? missingGroup(groupId);
      return { message_scene: 'group', ...base, group, group_member: await this.entities.member(groupId, record.senderId) };
    }
    if (scene === 'temp') {
      return { message_scene: 'temp', ...base, group: (await this.entities.group(record.tempGroupId)) ?? null };
    }
    const friend = (await this.entities.friend(base.peer_id)) ?? missingFriendEntity(base.peer_id);
    return { message_scene: 'friend', ...base, friend };
  }

  /** The nodes of a merged forward as Milky's IncomingForwardedMessage list. */
  async forwarded(bundle: ForwardBundle): Promise<z.input<typeof IncomingForwardedMessage>[]> {
    const result: z.input<typeof IncomingForwardedMessage>[] = [];
    for (const [index, node] of bundle.nodes.entries()) {
      const source = node.messageId ? await this.views.world.messages.find(node.messageId) : undefined;
      const account = await this.entities.account(node.userId);
      result.push({
        message_seq: source?.seq ?? index + 1,
        sender_name: node.nickname,
        avatar_url: account
          ? userAvatarUrl(account, this.views.urls)
          : `https://q1.qlogo.cn/g?b=qq&nk=${encodeURIComponent(node.userId)}&s=640`,
        time: node.time,
        // A node its sender made up comes from no chat; its file keeps the hash get_private_file_download_url accepts.
        segments: await this.segments.render(node.elements, source?.conversation.type ?? 'private'),
      });
    }
    return result;
  }
}

/** A group that has since been dismissed still names its old messages. */
function missingGroup(groupId: number) {
  return {
    group_id: groupId,
    group_name: String(groupId),
    member_count: 0,
    max_member_count: 0,
    remark: '',
    created_time: 0,
    description: '',
    question: '',
    announcement: '',
  };
}
