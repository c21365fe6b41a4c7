import { useState } from 'react';
import { Icon } from '../ui/icons';
import { act } from '../api/client';
import type { GroupMember, OneBotMessage, Peer } from '../api/types';
import { useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { toastError } from '../ui/toast';
import type { ChatItem } from './chat-store';
import { reactionFaces, reactionGlyph, faceById } from './faces';
import { segmentsOf } from './preview';
import { Segments } from './segments';

const roleRank = { owner: 3, admin: 2, member: 1 } as const;
const roleLabel = { owner: '群主', admin: '管理员' } as const;

/** One message bubble with its hover actions (reply, react, recall, @) and its reactions. */
export function MessageItem(props: {
  item: Extract<ChatItem, { kind: 'message' }>;
  selfId: number;
  peer: Peer;
  members: GroupMember[];
  findMessage: (id: number) => OneBotMessage | undefined;
  onReply: (message: OneBotMessage) => void;
  onMention: (qq: number, name: string) => void;
  onPoke: (userId: number) => void;
}) {
  const { item, selfId, peer } = props;
  const message = item.message;
  const world = useWorld();
  const [picking, setPicking] = useState(false);
  const senderId = message.sender?.user_id ?? message.user_id;
  const own = senderId === selfId;
  const groupId = peer.type === 'group' ? peer.id : undefined;
  const member = props.members.find((entry) => entry.user_id === senderId);
  const me = props.members.find((entry) => entry.user_id === selfId);
  const name = message.sender?.card || member?.card || message.sender?.nickname || world.nameOf(senderId, groupId);
  const role = message.sender.role ?? member?.role;
  const canRecall =
    !item.recalled && (own || (groupId !== undefined && me !== undefined && roleRank[me.role] > roleRank[role ?? 'member']));

  const recall = async () => {
    try {
      await act(selfId, 'delete_msg', { message_id: item.id });
    } catch (error) {
      toastError(error);
    }
  };
  const react = async (emojiId: string, set: boolean) => {
    setPicking(false);
    try {
      await act(selfId, 'set_msg_emoji_like', { message_id: item.id, emoji_id: emojiId, set });
    } catch (error) {
      toastError(error);
    }
  };
  const copy = () => {
    const text = segmentsOf(message)
      .filter((segment) => segment.type === 'text')
      .map((segment) => String(segment.data.text ?? ''))
      .join('');
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  };

  // Pictures, stickers, videos and file cards alone are shown without a bubble, as QQ does.
  const segments = segmentsOf(message);
  const mediaOnly =
    !item.recalled && segments.length > 0 && segments.every((segment) => ['image', 'mface', 'file', 'video'].includes(segment.type));
  const reactions = Object.entries(item.reactions).filter(([, reaction]) => reaction.count > 0);
  return (
    <div
      className={`message${own ? ' own' : ''}${item.recalled ? ' recalled' : ''}`}
      data-testid="message"
      data-message-id={item.id}
      data-sender={senderId}
    >
      <Avatar
        id={senderId}
        name={name}
        bot={world.account(senderId)?.bot}
        onDoubleClick={() => props.onPoke(senderId)}
        title={`${name} (${senderId}) · 双击戳一戳`}
      />
      <div className="message-content">
        {groupId !== undefined && (
          <div className="message-sender">
            {role && role !== 'member' && <span className={`role-badge role-${role}`}>{roleLabel[role]}</span>}
            {member?.title && <span className="title-badge">{member.title}</span>}
            <span>{name}</span>
          </div>
        )}
        <div className="bubble-row">
          <div className={`bubble${mediaOnly ? ' bubble-media' : ''}`} data-testid="bubble">
            {item.recalled ? (
              <span className="muted">此消息已撤回 · recalled</span>
            ) : (
              <Segments segments={segmentsOf(message)} groupId={groupId} selfId={selfId} findMessage={props.findMessage} />
            )}
          </div>
          {!item.recalled && (
            <div className="message-actions">
              <button title="回复 Reply" onClick={() => props.onReply(message)} data-testid="action-reply">
                <Icon name="reply" size={16} />
              </button>
              <button title="表态 React" onClick={() => setPicking(!picking)} data-testid="action-react">
                <Icon name="smile" size={16} />
              </button>
              {groupId !== undefined && !own && (
                <button title="@TA" onClick={() => props.onMention(senderId, name)}>
                  @
                </button>
              )}
              <button title="复制 Copy" onClick={copy}>
                <Icon name="copy" size={16} />
              </button>
              {canRecall && (
                <button title="撤回 Recall" onClick={() => void recall()} data-testid="action-recall">
                  <Icon name="recall" size={16} />
                </button>
              )}
            </div>
          )}
        </div>
        {picking && (
          <div className="reaction-picker" data-testid="reaction-picker">
            {reactionFaces.map((id) => (
              <button
                key={id}
                title={faceById(id)?.name}
                onClick={() => void react(String(id), !item.reactions[String(id)]?.mine)}
                data-testid={`react-${id}`}
              >
                {reactionGlyph(String(id))}
              </button>
            ))}
          </div>
        )}
        {reactions.length > 0 && (
          <div className="reactions">
            {reactions.map(([emojiId, reaction]) => (
              <button
                key={emojiId}
                className={`reaction${reaction.mine ? ' mine' : ''}`}
                onClick={() => void react(emojiId, !reaction.mine)}
                data-testid={`reaction-${emojiId}`}
              >
                {reactionGlyph(emojiId)} {reaction.count}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
