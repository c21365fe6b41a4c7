import { useSyncExternalStore } from 'react';
import { act } from '../api/client';
import { live, type OneBotEvent } from '../api/live';
import { peerKey, type OneBotMessage, type Peer, type Segment } from '../api/types';
import { worldData } from '../api/world-data';
import {
  addTip,
  emptyConversation,
  formatDuration,
  markRecalled,
  mergeMessages,
  setReactions,
  type Conversation,
} from './conversation-items';

export type { ChatItem, Conversation, Reaction } from './conversation-items';

export interface RecentEntry {
  peer: Peer;
  time: number;
  /** The latest message, previewed when shown (names may load after it arrived). */
  message?: OneBotMessage;
}

const pageSize = 20;

/**
 * Every account's conversations as the console has seen them: pages of history fetched through
 * `act`, plus the OneBot events the live socket brings for each account (what a bot connected
 * as that account would receive). Unread counts and the recent list are kept per account.
 */
class ChatStore {
  #conversations = new Map<string, Conversation>();
  #unread = new Map<number, Map<string, number>>();
  #recent = new Map<number, Map<string, RecentEntry>>();
  #recentLoaded = new Set<number>();
  #markTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #active: { selfId: number; key: string } | undefined;
  #listeners = new Set<() => void>();
  #version = 0;
  #started = false;

  get version(): number {
    return this.#version;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (frame.type === 'onebot') this.#onEvent(frame.self_id, frame.event);
    });
    // Whatever happened while the socket was down is fetched again.
    live.onReconnect(() => {
      for (const [key, conversation] of this.#conversations) {
        if (!conversation.loaded) continue;
        const [selfId, peer] = splitKey(key);
        if (peer) void this.loadLatest(selfId, peer);
      }
    });
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  conversation(selfId: number, peer: Peer): Conversation {
    return this.#conversations.get(convKey(selfId, peer)) ?? emptyConversation;
  }

  unread(selfId: number, peer: Peer): number {
    return this.#unread.get(selfId)?.get(peerKey(peer)) ?? 0;
  }

  totalUnread(selfId: number): number {
    let total = 0;
    for (const count of this.#unread.get(selfId)?.values() ?? []) total += count;
    return total;
  }

  recent(selfId: number): RecentEntry[] {
    return [...(this.#recent.get(selfId)?.values() ?? [])].sort((a, b) => b.time - a.time);
  }

  /** Loads the account's recent contacts once (get_recent_contact), if the server has the action. */
  async loadRecent(selfId: number): Promise<void> {
    if (this.#recentLoaded.has(selfId)) return;
    this.#recentLoaded.add(selfId);
    try {
      const entries = await act<RecentContact[]>(selfId, 'get_recent_contact', { count: 50 });
      const counts = this.#unread.get(selfId) ?? new Map<string, number>();
      for (const entry of entries ?? []) {
        const peer: Peer =
          Number(entry.chatType) === 2 ? { type: 'group', id: Number(entry.peerUin) } : { type: 'private', id: Number(entry.peerUin) };
        const message = entry.lastestMsg;
        this.#touchRecent(selfId, peer, Number(entry.msgTime) || message?.time || 0, message);
        // Read marks live on the server, so unread counts survive a reload.
        const unread = Number(entry.unreadCnt ?? 0);
        const open = this.#active?.selfId === selfId && this.#active.key === peerKey(peer);
        if (unread > 0 && !open) counts.set(peerKey(peer), Math.max(unread, counts.get(peerKey(peer)) ?? 0));
      }
      this.#unread.set(selfId, counts);
    } catch {
      // Older servers lack get_recent_contact: the list then fills from live messages.
    }
    this.#changed();
  }

  /** Marks the conversation open: its unread count clears and the server is told it was read. */
  setActive(selfId: number, peer: Peer | undefined): void {
    this.#active = peer ? { selfId, key: peerKey(peer) } : undefined;
    if (!peer) return;
    this.#unread.get(selfId)?.delete(peerKey(peer));
    if (!this.#recent.get(selfId)?.has(peerKey(peer))) this.#touchRecent(selfId, peer, 0, undefined);
    this.#markRead(selfId, peer);
    this.#changed();
  }

  /** Tells the server the conversation was read (debounced), as QQ does while a chat is open. */
  #markRead(selfId: number, peer: Peer): void {
    const key = convKey(selfId, peer);
    clearTimeout(this.#markTimers.get(key));
    this.#markTimers.set(
      key,
      setTimeout(() => {
        this.#markTimers.delete(key);
        const params = peer.type === 'group' ? { group_id: peer.id } : { user_id: peer.id };
        void act(selfId, peer.type === 'group' ? 'mark_group_msg_as_read' : 'mark_private_msg_as_read', params).catch(() => undefined);
      }, 300),
    );
  }

  /** The latest page of a conversation, merged with what is already shown. */
  async loadLatest(selfId: number, peer: Peer): Promise<void> {
    await this.#loadPage(selfId, peer, undefined);
  }

  /** The page before the oldest message shown. */
  async loadOlder(selfId: number, peer: Peer): Promise<void> {
    const conversation = this.conversation(selfId, peer);
    if (conversation.loading || conversation.reachedStart) return;
    const oldest = conversation.items.find((item) => item.kind === 'message');
    await this.#loadPage(selfId, peer, oldest?.kind === 'message' ? oldest.id : undefined);
  }

  /** Puts a message the console just sent (or fetched) in place, without waiting for its event. */
  upsertMessage(selfId: number, peer: Peer, message: OneBotMessage): void {
    this.#mutate(selfId, peer, (conversation) => mergeMessages(conversation, [message]));
    this.#touchRecent(selfId, peer, message.time, message);
    this.#changed();
  }

  async #loadPage(selfId: number, peer: Peer, before: number | undefined): Promise<void> {
    const key = convKey(selfId, peer);
    this.#mutate(selfId, peer, (conversation) => ({ ...conversation, loading: true, error: '' }));
    this.#changed();
    const action = peer.type === 'group' ? 'get_group_msg_history' : 'get_friend_msg_history';
    const params = {
      ...(peer.type === 'group' ? { group_id: peer.id } : { user_id: peer.id }),
      ...(before !== undefined && { message_seq: before }),
      count: pageSize,
    };
    try {
      const fetchPage = async (reverse: boolean) =>
        (await act<{ messages: OneBotMessage[] }>(selfId, action, before === undefined ? params : { ...params, reverse_order: reverse }))
          ?.messages ?? [];
      // Older messages come with reverse_order true in Catnap; NapCat's flag goes straight to the
      // QQ kernel, whose direction differs between versions: if a page holds nothing older than the
      // anchor, the other direction is asked.
      let messages = await fetchPage(true);
      if (before !== undefined && messages.length > 1 && !messages.some((message) => message.message_id < before))
        messages = await fetchPage(false);
      this.#mutate(selfId, peer, (conversation) => {
        const known = new Set(conversation.items.filter((item) => item.kind === 'message').map((item) => (item as { id: number }).id));
        const fresh = messages.filter((message) => !known.has(message.message_id));
        const merged = mergeMessages(conversation, messages);
        // A page that brings nothing new (or less than asked) means the start of the conversation.
        const reachedStart = messages.length < pageSize || (before !== undefined && fresh.length === 0);
        return { ...merged, loaded: true, loading: false, reachedStart: conversation.reachedStart || reachedStart };
      });
      const last = messages.at(-1);
      if (last && before === undefined) this.#touchRecent(selfId, peer, last.time, last, true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // An empty conversation is reported as an error by NapCat ("消息不存在"); show it as empty.
      const empty = /不存在|not exist|no message/i.test(message);
      this.#mutate(selfId, peer, (conversation) => ({
        ...conversation,
        loaded: true,
        loading: false,
        reachedStart: empty || conversation.reachedStart,
        error: empty ? '' : message,
      }));
    }
    if (!this.#conversations.has(key)) return;
    this.#changed();
  }

  #onEvent(selfId: number, event: OneBotEvent): void {
    if (event.post_type === 'message' || event.post_type === 'message_sent') {
      const message = event as unknown as OneBotMessage;
      const own = event.post_type === 'message_sent' || message.user_id === selfId;
      const peer: Peer =
        message.message_type === 'group'
          ? { type: 'group', id: Number(message.group_id) }
          : { type: 'private', id: Number(own ? message.target_id : message.user_id) };
      if (!peer.id) return;
      this.#mutate(selfId, peer, (conversation) => mergeMessages(conversation, [message]));
      this.#touchRecent(selfId, peer, message.time, message);
      const open = this.#active?.selfId === selfId && this.#active.key === peerKey(peer) && document.visibilityState !== 'hidden';
      if (!own && open) this.#markRead(selfId, peer);
      if (!own && !open) {
        const counts = this.#unread.get(selfId) ?? new Map<string, number>();
        counts.set(peerKey(peer), (counts.get(peerKey(peer)) ?? 0) + 1);
        this.#unread.set(selfId, counts);
      }
      this.#changed();
      return;
    }
    if (event.post_type === 'notice') this.#onNotice(selfId, event);
  }

  #onNotice(selfId: number, event: OneBotEvent): void {
    const groupId = Number(event.group_id ?? 0);
    const userId = Number(event.user_id ?? 0);
    const name = (uin: unknown) => (Number(uin) === selfId ? '你' : worldData.nameOf(Number(uin), groupId || undefined));
    const groupPeer: Peer = { type: 'group', id: groupId };
    const tip = (peer: Peer, text: string) =>
      this.#mutate(selfId, peer, (c) =>
        addTip(c, { kind: 'tip', key: `${event.time}:${event.notice_type}:${text}`, time: event.time, text }),
      );
    switch (event.notice_type) {
      case 'group_recall':
      case 'friend_recall': {
        const peer: Peer = event.notice_type === 'group_recall' ? groupPeer : { type: 'private', id: userId };
        const operator = Number(event.operator_id ?? userId);
        this.#mutate(selfId, peer, (c) => markRecalled(c, Number(event.message_id)));
        tip(peer, `${name(operator)}撤回了${operator === userId ? '一条消息' : ` ${name(userId)} 的一条消息`}`);
        break;
      }
      case 'group_msg_emoji_like': {
        const likes = (event.likes as { emoji_id: string; count: number }[] | undefined) ?? [];
        // NapCat lists the emoji that changed; only then is it known which one was this account's.
        const mine = userId === selfId && likes.length === 1 ? Boolean(event.is_add ?? true) : undefined;
        const peer: Peer = groupId ? groupPeer : { type: 'private', id: userId };
        this.#mutate(selfId, peer, (c) => setReactions(c, Number(event.message_id), likes, mine));
        break;
      }
      case 'notify': {
        if (event.sub_type === 'poke') {
          const target = Number(event.target_id);
          const text = `${name(userId)} 戳了戳 ${name(target)}`;
          if (groupId) tip(groupPeer, text);
          else tip({ type: 'private', id: userId === selfId ? target : userId }, text);
        } else if (event.sub_type === 'title' && groupId) tip(groupPeer, `${name(userId)} 获得了头衔「${String(event.title)}」`);
        else if (event.sub_type === 'group_name' && groupId) tip(groupPeer, `${name(userId)} 把群名改为「${String(event.name_new)}」`);
        break;
      }
      case 'group_increase':
        tip(groupPeer, `${name(userId)} 加入了本群`);
        break;
      case 'group_decrease':
        tip(
          groupPeer,
          event.sub_type === 'kick' || event.sub_type === 'kick_me'
            ? `${name(userId)} 被 ${name(event.operator_id)} 移出了本群`
            : event.sub_type === 'disband'
              ? '本群已被解散'
              : `${name(userId)} 退出了本群`,
        );
        break;
      case 'group_ban': {
        const duration = Number(event.duration ?? 0);
        if (userId === 0)
          tip(groupPeer, duration === 0 ? `${name(event.operator_id)} 关闭了全员禁言` : `${name(event.operator_id)} 开启了全员禁言`);
        else
          tip(
            groupPeer,
            duration === 0
              ? `${name(userId)} 被解除禁言`
              : `${name(userId)} 被 ${name(event.operator_id)} 禁言 ${formatDuration(duration)}`,
          );
        break;
      }
      case 'group_admin':
        tip(groupPeer, event.sub_type === 'set' ? `${name(userId)} 成为了管理员` : `${name(userId)} 被取消了管理员`);
        break;
      case 'group_card':
        tip(groupPeer, `${name(userId)} 的群名片改为「${String(event.card_new ?? '')}」`);
        break;
      case 'essence':
        tip(groupPeer, `${name(event.operator_id)} 设置了一条精华消息`);
        break;
      case 'group_upload': {
        const file = event.file as { name?: string } | undefined;
        tip(groupPeer, `${name(userId)} 上传了文件「${file?.name ?? ''}」`);
        break;
      }
      default:
        return;
    }
    this.#changed();
  }

  #mutate(selfId: number, peer: Peer, change: (conversation: Conversation) => Conversation): void {
    const key = convKey(selfId, peer);
    this.#conversations.set(key, change(this.#conversations.get(key) ?? emptyConversation));
  }

  #touchRecent(selfId: number, peer: Peer, time: number, message: OneBotMessage | undefined, onlyIfNewer = false): void {
    const entries = this.#recent.get(selfId) ?? new Map<string, RecentEntry>();
    const current = entries.get(peerKey(peer));
    if (current && (time < current.time || (onlyIfNewer && time === current.time))) return;
    entries.set(peerKey(peer), { peer, time: Math.max(time, current?.time ?? 0), message: message ?? current?.message });
    this.#recent.set(selfId, entries);
  }

  #changed(): void {
    this.#version++;
    this.#listeners.forEach((listener) => listener());
  }
}

interface RecentContact {
  peerUin: number | string;
  chatType: number | string;
  msgTime: number | string;
  lastestMsg?: OneBotMessage;
  /** Catnap's count of messages from others after the account's read mark. */
  unreadCnt?: number;
}

const convKey = (selfId: number, peer: Peer) => `${selfId}|${peerKey(peer)}`;

function splitKey(key: string): [number, Peer | undefined] {
  const [self, type, id] = key.split(/[|:]/);
  return [Number(self), type === 'g' ? { type: 'group', id: Number(id) } : type === 'p' ? { type: 'private', id: Number(id) } : undefined];
}

export const chatStore = new ChatStore();

export function useChat(): ChatStore {
  useSyncExternalStore(
    (callback) => chatStore.subscribe(callback),
    () => chatStore.version,
  );
  return chatStore;
}

export type { Segment };
