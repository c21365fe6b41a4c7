/**
 * The server's shapes, as the contract defines them (the console never copies them by hand), and
 * the console's own helpers around them.
 */
import type { MessageDetail, MessageObject } from '@contract';

export type {
  AccountDetail,
  AccountView,
  FriendCategory,
  GroupInfo,
  GroupMemberInfo as GroupMember,
  GroupView,
  MemberView,
  RecentContact,
  RequestView,
  Segment,
} from '@contract';

/** A OneBot message: an event, a history entry, or get_msg's answer (which adds the reactions). */
export type OneBotMessage = MessageObject & Partial<Pick<MessageDetail, 'emoji_likes_list'>>;

/** A conversation as the chat views key it. */
export type Peer = { type: 'group'; id: number } | { type: 'private'; id: number };

export const peerKey = (peer: Peer): string => `${peer.type === 'group' ? 'g' : 'p'}:${peer.id}`;

export function parsePeerKey(key: string): Peer | undefined {
  const match = /^([gp]):(\d+)$/.exec(key);
  if (!match) return undefined;
  return { type: match[1] === 'g' ? 'group' : 'private', id: Number(match[2]) };
}
