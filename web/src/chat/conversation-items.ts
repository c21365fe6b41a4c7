import type { OneBotMessage } from '../api/types';

/**
 * One conversation as the console shows it, and the pure updates the chat store applies to it
 * (merge a page of history, add a gray tip, mark a recall, set reactions).
 */
export interface Reaction {
  count: number;
  /** Whether the account the conversation belongs to reacted with it. */
  mine: boolean;
}

export type ChatItem =
  | {
      kind: 'message';
      key: string;
      id: number;
      time: number;
      message: OneBotMessage;
      recalled: boolean;
      reactions: Record<string, Reaction>;
    }
  | { kind: 'tip'; key: string; time: number; text: string };

export interface Conversation {
  items: ChatItem[];
  loaded: boolean;
  loading: boolean;
  /** No older messages to page in. */
  reachedStart: boolean;
  error: string;
}

export const emptyConversation: Conversation = { items: [], loaded: false, loading: false, reachedStart: false, error: '' };

export function sortItems(items: ChatItem[]): ChatItem[] {
  return items.sort((a, b) => a.time - b.time || (a.kind === 'message' && b.kind === 'message' ? a.id - b.id : a.kind === 'tip' ? 1 : -1));
}

export function reactionsOf(message: OneBotMessage): Record<string, Reaction> {
  const reactions: Record<string, Reaction> = {};
  for (const like of message.emoji_likes_list ?? []) reactions[String(like.emoji_id)] = { count: Number(like.likes_cnt), mine: false };
  return reactions;
}

export function mergeMessages(conversation: Conversation, messages: OneBotMessage[]): Conversation {
  const items = [...conversation.items];
  for (const message of messages) {
    if (!message || typeof message.message_id !== 'number') continue;
    const index = items.findIndex((item) => item.kind === 'message' && item.id === message.message_id);
    const existing = index >= 0 ? (items[index] as Extract<ChatItem, { kind: 'message' }>) : undefined;
    const fromServer = reactionsOf(message);
    const item: ChatItem = {
      kind: 'message',
      key: `m${message.message_id}`,
      id: message.message_id,
      time: message.time,
      message,
      recalled: existing?.recalled ?? false,
      reactions: Object.keys(fromServer).length > 0 ? mergeMine(fromServer, existing?.reactions) : (existing?.reactions ?? {}),
    };
    if (index >= 0) items[index] = item;
    else items.push(item);
  }
  return { ...conversation, items: sortItems(items) };
}

export function mergeMine(next: Record<string, Reaction>, previous: Record<string, Reaction> | undefined): Record<string, Reaction> {
  for (const [emoji, reaction] of Object.entries(next)) reaction.mine = previous?.[emoji]?.mine ?? false;
  return next;
}

export function addTip(conversation: Conversation, tip: ChatItem): Conversation {
  if (conversation.items.some((item) => item.key === tip.key)) return conversation;
  return { ...conversation, items: sortItems([...conversation.items, tip]) };
}

export function markRecalled(conversation: Conversation, messageId: number): Conversation {
  return {
    ...conversation,
    items: conversation.items.map((item) => (item.kind === 'message' && item.id === messageId ? { ...item, recalled: true } : item)),
  };
}

export function setReactions(
  conversation: Conversation,
  messageId: number,
  likes: { emoji_id: string; count: number }[],
  mine: boolean | undefined,
): Conversation {
  return {
    ...conversation,
    items: conversation.items.map((item) => {
      if (item.kind !== 'message' || item.id !== messageId) return item;
      const reactions: Record<string, Reaction> = {};
      for (const like of likes) {
        if (like.count <= 0) continue;
        reactions[String(like.emoji_id)] = { count: like.count, mine: item.reactions[String(like.emoji_id)]?.mine ?? false };
      }
      if (mine !== undefined) {
        for (const like of likes) if (reactions[String(like.emoji_id)]) reactions[String(like.emoji_id)]!.mine = mine;
      }
      return { ...item, reactions };
    }),
  };
}

export function formatDuration(seconds: number): string {
  if (seconds >= 86400) return `${Math.round(seconds / 86400)} 天`;
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} 小时`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} 分钟`;
  return `${seconds} 秒`;
}
