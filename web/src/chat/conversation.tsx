import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Icon } from '../ui/icons';
import { act } from '../api/client';
import type { GroupMember, OneBotMessage, Peer, Segment } from '../api/types';
import { useLoad, useWorld } from '../api/world-data';
import { toast, toastError } from '../ui/toast';
import { chatStore, useChat, type ChatItem } from './chat-store';
import { Composer } from './composer';
import { MemberPanel } from './member-panel';
import { MessageItem } from './message-item';
import { separatorTime } from './time';

/** How near the bottom (px) still counts as "at the bottom" for following new messages. */
const followSlack = 120;

/** One open conversation: header, message list with history paging, member panel, composer. */
export function ConversationView(props: { selfId: number; peer: Peer }) {
  const { selfId, peer } = props;
  const chat = useChat();
  const world = useWorld();
  const conversation = chat.conversation(selfId, peer);
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | undefined>(undefined);
  const [replyTo, setReplyTo] = useState<OneBotMessage | undefined>();
  const [showMembers, setShowMembers] = useState(peer.type === 'group');
  const [mention, setMention] = useState<{ qq: number; name: string } | undefined>();
  const members = useLoad(
    () => (peer.type === 'group' ? act(selfId, 'get_group_member_list', { group_id: peer.id }) : Promise.resolve<GroupMember[]>([])),
    [selfId, peer.type, peer.id],
    { withWorld: true },
  );

  useEffect(() => {
    void chatStore.loadLatest(selfId, peer);
  }, [selfId, peer]);

  // Keep the view pinned to the bottom as messages arrive, and in place when older ones are paged in.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (anchor.current) {
      list.scrollTop = list.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = undefined;
    } else if (atBottom.current) {
      list.scrollTop = list.scrollHeight;
    }
  }, [conversation.items]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < followSlack;
    if (list.scrollTop < 40 && !conversation.loading && !conversation.reachedStart && conversation.loaded) loadOlder();
  };

  const loadOlder = () => {
    const list = listRef.current;
    if (list) anchor.current = { height: list.scrollHeight, top: list.scrollTop };
    void chatStore.loadOlder(selfId, peer);
  };

  const send = async (segments: Segment[]) => {
    const action = peer.type === 'group' ? 'send_group_msg' : 'send_private_msg';
    const target = peer.type === 'group' ? { group_id: peer.id } : { user_id: peer.id };
    const sent = await act(selfId, action, { ...target, message: segments });
    atBottom.current = true;
    try {
      const message = await act(selfId, 'get_msg', { message_id: sent.message_id });
      chatStore.upsertMessage(selfId, peer, message);
    } catch {
      // The message event will bring it; nothing is lost.
    }
  };

  const title =
    peer.type === 'group'
      ? `${world.group(peer.id)?.group_name ?? peer.id}`
      : world.account(peer.id)
        ? `${world.account(peer.id)!.nickname}`
        : String(peer.id);
  const subtitle = peer.type === 'group' ? `(${world.group(peer.id)?.member_count ?? members.data?.length ?? 0})` : `${peer.id}`;

  const poke = async (userId: number) => {
    try {
      if (peer.type === 'group') await act(selfId, 'group_poke', { group_id: peer.id, user_id: userId });
      else await act(selfId, 'friend_poke', { user_id: userId });
    } catch (error) {
      toastError(error);
    }
  };

  let lastTime = 0;
  const rendered: ReactNode[] = [];
  for (const item of conversation.items) {
    if (item.time - lastTime > 300)
      rendered.push(
        <div key={`t${item.key}`} className="time-separator">
          {separatorTime(item.time)}
        </div>,
      );
    lastTime = item.time;
    rendered.push(renderItem(item));
  }

  function renderItem(item: ChatItem) {
    if (item.kind === 'tip') {
      return (
        <div key={item.key} className="gray-tip" data-testid="gray-tip">
          {item.text}
        </div>
      );
    }
    return (
      <MessageItem
        key={item.key}
        item={item}
        selfId={selfId}
        peer={peer}
        members={members.data ?? []}
        findMessage={(id) =>
          conversation.items.find((entry): entry is Extract<ChatItem, { kind: 'message' }> => entry.kind === 'message' && entry.id === id)
            ?.message
        }
        onReply={(message) => setReplyTo(message)}
        onMention={(qq, name) => setMention({ qq, name })}
        onPoke={poke}
      />
    );
  }

  return (
    <section className="conversation" data-testid="conversation">
      <header className="conversation-head">
        <div>
          <span className="conversation-title" data-testid="conversation-title">
            {title}
          </span>{' '}
          <span className="muted">{subtitle}</span>
        </div>
        <div className="head-actions">
          {peer.type === 'private' && (
            <button
              className="icon-button"
              title="戳一戳 Poke"
              onClick={() => void poke(peer.id).then(() => toast('戳了一下'))}
              data-testid="poke-peer"
            >
              <Icon name="poke" size={20} />
            </button>
          )}
          {peer.type === 'group' && (
            <button
              className={`icon-button${showMembers ? ' active' : ''}`}
              title="群成员 Members"
              onClick={() => setShowMembers(!showMembers)}
              data-testid="toggle-members"
            >
              <Icon name="members" size={20} />
            </button>
          )}
        </div>
      </header>
      <div className="conversation-body">
        <div className="conversation-main">
          <div className="message-list" ref={listRef} onScroll={onScroll} data-testid="message-list">
            {conversation.loaded && !conversation.reachedStart && (
              <button className="link-button load-older" onClick={loadOlder} disabled={conversation.loading} data-testid="load-older">
                {conversation.loading ? '加载中…' : '查看更多消息 Load older'}
              </button>
            )}
            {conversation.reachedStart && conversation.items.length > 0 && (
              <div className="muted small center">没有更多消息了 · the beginning</div>
            )}
            {conversation.loaded && conversation.items.length === 0 && <div className="muted center pad">No messages yet: say hello.</div>}
            {conversation.error && <div className="form-error center">{conversation.error}</div>}
            {rendered}
          </div>
          <Composer
            selfId={selfId}
            peer={peer}
            members={members.data ?? []}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(undefined)}
            mention={mention}
            onMentionUsed={() => setMention(undefined)}
            onSend={async (segments) => {
              await send(segments);
              setReplyTo(undefined);
            }}
          />
        </div>
        {peer.type === 'group' && showMembers && (
          <MemberPanel
            selfId={selfId}
            groupId={peer.id}
            members={members.data ?? []}
            error={members.error}
            onMention={(qq, name) => setMention({ qq, name })}
            onPoke={poke}
          />
        )}
      </div>
    </section>
  );
}
