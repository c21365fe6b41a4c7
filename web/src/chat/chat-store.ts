import { useSyncExternalStore } from 'react';
import { act, describeError } from '../api/client';
import type { NoticeEvent, OneBotEvent } from '@contract';
import { live } from '../api/live';
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
      else if (frame.type === 'domain' && frame.event.type === 'world.restored') this.#reloadAll();
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

  /**
   * A restored snapshot replaced every conversation: what is held is dropped (messages sent after
   * the snapshot are gone) and what was open is read again.
   */
  #reloadAll(): void {
    const open = [...this.#conversations].filter(([, conversation]) => conversation.loaded).map(([key]) => splitKey(key));
    const recent = [...this.#recentLoaded];
    this.#conversations.clear();
    this.#unread.clear();
    this.#recent.clear();
    this.#recentLoaded.clear();
    this.#changed();
    for (const [selfId, peer] of open) if (peer) void this.loadLatest(selfId, peer);
    for (const selfId of recent) void this.loadRecent(selfId);
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
      const entries = await act(selfId, 'get_recent_contact', { count: 50 });
      const counts = this.#unread.get(selfId) ?? new Map<string, number>();
      for (const entry of entries) {
        // NapCat writes the peer and the time as strings.
        const id = Number(entry.peerUin);
        const peer: Peer = entry.chatType === 2 ? { type: 'group', id } : { type: 'private', id };
        const message = entry.lastestMsg;
        this.#touchRecent(selfId, peer, Number(entry.msgTime) || message?.time || 0, message);
        // Read marks live on the server, so unread counts survive a reload.
        const unread = entry.unreadCnt;
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
        (await act(selfId, action, before === undefined ? params : { ...params, reverse_order: reverse })).messages;
      // Older messages come with reverse_order true in Catnap; NapCat's flag goes straight to the
      // QQ kernel, whose direction differs between versions: if a page holds nothing older than the
      // anchor, the other direction is asked.
      let messages = await fetchPage(true);
      if (before !== undefined && messages.length > 1 && !messages.some((message) => message.message_id < before))
        messages = await fetchPage(false);
      this.#mutate(selfId, peer, (conversation) => {
        const known = new Set(conversation.items.flatMap((item) => (item.kind === 'message' ? [item.id] : [])));
        const fresh = messages.filter((message) => !known.has(message.message_id));
        const merged = mergeMessages(conversation, messages);
        // A page that brings nothing new (or less than asked) means the start of the conversation.
        const reachedStart = messages.length < pageSize || (before !== undefined && fresh.length === 0);
        return { ...merged, loaded: true, loading: false, reachedStart: conversation.reachedStart || reachedStart };
      });
      const last = messages.at(-1);
      if (last && before === undefined) this.#touchRecent(selfId, peer, last.time, last, true);
    } catch (error) {
      const message = describeError(error);
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
      const own = event.post_type === 'message_sent' || event.user_id === selfId;
      const peer: Peer =
        event.message_type === 'group'
          ? { type: 'group', id: event.group_id ?? 0 }
          : { type: 'private', id: (own ? event.target_id : event.user_id) ?? 0 };
      if (!peer.id) return;
      this.#mutate(selfId, peer, (conversation) => mergeMessages(conversation, [event]));
      this.#touchRecent(selfId, peer, event.time, event);
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
    if (event.post_type === 'notice' && this.#onNotice(selfId, event)) this.#changed();
  }

  /** Shows a notice as a tip (or a change) in its conversation; answers whether anything changed. */
  #onNotice(selfId: number, event: NoticeEvent): boolean {
    const name = (uin: number, groupId?: number) => (uin === selfId ? '你' : worldData.nameOf(uin, groupId));
    const tip = (peer: Peer, text: string) =>
      this.#mutate(selfId, peer, (c) =>
        addTip(c, { kind: 'tip', key: `${event.time}:${event.notice_type}:${text}`, time: event.time, text }),
      );
    const group = (groupId: number): Peer => ({ type: 'group', id: groupId });
    switch (event.notice_type) {
      case 'group_recall': {
        const by = name(event.operator_id, event.group_id);
        this.#mutate(selfId, group(event.group_id), (c) => markRecalled(c, event.message_id));
        tip(
          group(event.group_id),
          `${by}撤回了${event.operator_id === event.user_id ? '一条消息' : ` ${name(event.user_id, event.group_id)} 的一条消息`}`,
        );
        return true;
      }
      case 'friend_recall': {
        // user_id is the sender: for a recall of this account's own message that is the account
        // itself, and the chat is the one holding the message.
        const peer = event.user_id === selfId ? this.#privateChatHolding(selfId, event.message_id) : privatePeer(event.user_id);
        if (!peer) return false;
        this.#mutate(selfId, peer, (c) => markRecalled(c, event.message_id));
        tip(peer, `${name(event.user_id)}撤回了一条消息`);
        return true;
      }
      case 'group_msg_emoji_like': {
        // NapCat lists the emoji that changed; only then is it known which one was this account's.
        const mine = event.user_id === selfId && event.likes.length === 1 ? event.is_add : undefined;
        this.#mutate(selfId, group(event.group_id), (c) => setReactions(c, event.message_id, event.likes, mine));
        return true;
      }
      case 'notify':
        switch (event.sub_type) {
          case 'poke':
            // In a group user_id poked target_id; between friends user_id is the other side and sender_id poked.
            if ('group_id' in event)
              tip(group(event.group_id), `${name(event.user_id, event.group_id)} 戳了戳 ${name(event.target_id, event.group_id)}`);
            else tip({ type: 'private', id: event.user_id }, `${name(event.sender_id ?? event.user_id)} 戳了戳 ${name(event.target_id)}`);
            return true;
          case 'title':
            tip(group(event.group_id), `${name(event.user_id, event.group_id)} 获得了头衔「${event.title}」`);
            return true;
          case 'group_name':
            tip(group(event.group_id), `${name(event.user_id, event.group_id)} 把群名改为「${event.name_new}」`);
            return true;
          default:
            return false;
        }
      case 'group_increase':
        tip(group(event.group_id), `${name(event.user_id, event.group_id)} 加入了本群`);
        return true;
      case 'group_decrease': {
        const who = name(event.user_id, event.group_id);
        tip(
          group(event.group_id),
          event.sub_type === 'kick' || event.sub_type === 'kick_me'
            ? `${who} 被 ${name(event.operator_id, event.group_id)} 移出了本群`
            : event.sub_type === 'disband'
              ? '本群已被解散'
              : `${who} 退出了本群`,
        );
        return true;
      }
      case 'group_ban': {
        const by = name(event.operator_id, event.group_id);
        if (event.user_id === 0) tip(group(event.group_id), event.duration === 0 ? `${by} 关闭了全员禁言` : `${by} 开启了全员禁言`);
        else
          tip(
            group(event.group_id),
            event.duration === 0
              ? `${name(event.user_id, event.group_id)} 被解除禁言`
              : `${name(event.user_id, event.group_id)} 被 ${by} 禁言 ${formatDuration(event.duration)}`,
          );
        return true;
      }
      case 'group_admin':
        tip(
          group(event.group_id),
          event.sub_type === 'set'
            ? `${name(event.user_id, event.group_id)} 成为了管理员`
            : `${name(event.user_id, event.group_id)} 被取消了管理员`,
        );
        return true;
      case 'group_card':
        tip(group(event.group_id), `${name(event.user_id, event.group_id)} 的群名片改为「${event.card_new}」`);
        return true;
      case 'essence':
        tip(group(event.group_id), `${name(event.operator_id, event.group_id)} 设置了一条精华消息`);
        return true;
      case 'group_upload':
        tip(group(event.group_id), `${name(event.user_id, event.group_id)} 上传了文件「${event.file.name}」`);
        return true;
      default:
        return false;
    }
  }

  /** The private chat of `selfId` shown holding the message, if one is. */
  #privateChatHolding(selfId: number, messageId: number): Peer | undefined {
    for (const [key, conversation] of this.#conversations) {
      const [owner, peer] = splitKey(key);
      if (owner !== selfId || peer?.type !== 'private') continue;
      if (conversation.items.some((item) => item.kind === 'message' && item.id === messageId)) return peer;
    }
    return undefined;
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

const privatePeer = (id: number): Peer => ({ type: 'private', id });

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
