import { useState } from 'react';
import { act } from '../api/client';
import { peerKey, type Peer } from '../api/types';
import { useLoad, useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { clickable } from '../ui/clickable';
import { openAccountPicker } from '../session';
import { useChat } from './chat-store';
import { previewOf } from './preview';
import { shortTime } from './time';

/** The left column: recent chats ("消息") and the contact book ("联系人": friends by category, groups). */
export function Contacts(props: { selfId: number; active: Peer | undefined; onOpen: (peer: Peer) => void }) {
  const [tab, setTab] = useState<'recent' | 'contacts'>('recent');
  const [filter, setFilter] = useState('');
  const world = useWorld();
  const chat = useChat();
  const friends = useLoad(() => act(props.selfId, 'get_friends_with_category'), [props.selfId], { withWorld: true });
  const groups = useLoad(() => act(props.selfId, 'get_group_list'), [props.selfId], { withWorld: true });
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});

  const nameOfPeer = (peer: Peer) => {
    if (peer.type === 'group')
      return groups.data?.find((group) => group.group_id === peer.id)?.group_name ?? world.group(peer.id)?.group_name ?? String(peer.id);
    const buddy = friends.data?.flatMap((category) => category.buddyList).find((entry) => entry.user_id === peer.id);
    return buddy?.remark || buddy?.nickname || world.nameOf(peer.id);
  };
  const matches = (text: string) => !filter || text.toLowerCase().includes(filter.toLowerCase());
  const isActive = (peer: Peer) => props.active !== undefined && peerKey(props.active) === peerKey(peer);

  const row = (peer: Peer, subtitle: string, time?: number) => {
    const name = nameOfPeer(peer);
    const unread = chat.unread(props.selfId, peer);
    return (
      <div
        key={peerKey(peer)}
        className={`contact-row${isActive(peer) ? ' active' : ''}`}
        {...clickable(() => props.onOpen(peer))}
        aria-current={isActive(peer) ? 'true' : undefined}
        data-testid={`contact-${peerKey(peer).replace(':', '-')}`}
      >
        <Avatar id={peer.id} name={name} group={peer.type === 'group'} bot={peer.type === 'private' && world.account(peer.id)?.bot} />
        <div className="contact-text">
          <div className="contact-line">
            <span className="contact-name">{name}</span>
            {time ? <span className="contact-time">{shortTime(time)}</span> : null}
          </div>
          <div className="contact-line">
            <span className="contact-sub">{subtitle}</span>
            {unread > 0 && (
              <span className="badge" data-testid={`unread-${peerKey(peer).replace(':', '-')}`}>
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </div>
        </div>
      </div>
    );
  };

  const recent = chat.recent(props.selfId).filter((entry) => matches(nameOfPeer(entry.peer)));
  return (
    <aside className="contacts">
      <div className="contacts-me">
        <Avatar id={props.selfId} name={world.nameOf(props.selfId)} size={30} bot={world.account(props.selfId)?.bot} />
        <div className="contacts-me-text">
          <div className="contact-name" data-testid="acting-as">
            {world.nameOf(props.selfId)}
          </div>
          <div className="muted small">{props.selfId}</div>
        </div>
        <button className="link-button small" onClick={openAccountPicker} title="以其他账号的身份聊天 Chat as another account">
          切换身份 Switch
        </button>
      </div>
      <div className="contacts-search">
        <input
          aria-label="搜索联系人 Search contacts"
          placeholder="搜索 Search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <div className="tabs">
        <button className={tab === 'recent' ? 'active' : ''} onClick={() => setTab('recent')} data-testid="tab-recent">
          消息
        </button>
        <button className={tab === 'contacts' ? 'active' : ''} onClick={() => setTab('contacts')} data-testid="tab-contacts">
          联系人
        </button>
      </div>
      <div className="contacts-list">
        {tab === 'recent' && (
          <>
            {recent.map((entry) =>
              row(
                entry.peer,
                entry.message ? previewOf(entry.message, entry.peer.type === 'group' ? entry.peer.id : undefined) : '',
                entry.time,
              ),
            )}
            {recent.length === 0 && (
              <>
                <div className="muted pad small">No recent chats yet. Your groups:</div>
                {groups.error && <div className="form-error pad">{groups.error}</div>}
                {(groups.data ?? []).map((group) =>
                  row({ type: 'group', id: group.group_id }, `${group.member_count} 人 · ${group.group_id}`),
                )}
              </>
            )}
          </>
        )}
        {tab === 'contacts' && (
          <>
            {friends.error && <div className="form-error pad">{friends.error}</div>}
            {(friends.data ?? []).map((category) => {
              const buddies = category.buddyList.filter((buddy) => matches(`${buddy.remark ?? ''} ${buddy.nickname} ${buddy.user_id}`));
              const key = `c${category.categoryId}`;
              return (
                <div key={key} className="contact-group">
                  <div
                    className="contact-group-head"
                    {...clickable(() => setCollapsed({ ...collapsed, [key]: !collapsed[key] }))}
                    aria-expanded={!collapsed[key]}
                  >
                    <span>{collapsed[key] ? '▸' : '▾'}</span> {category.categoryName}
                    <span className="muted small"> {category.buddyList.length}</span>
                  </div>
                  {!collapsed[key] &&
                    buddies.map((buddy) =>
                      row(
                        { type: 'private', id: buddy.user_id },
                        buddy.remark ? `${buddy.nickname} (${buddy.user_id})` : String(buddy.user_id),
                      ),
                    )}
                </div>
              );
            })}
            <div className="contact-group">
              <div
                className="contact-group-head"
                {...clickable(() => setCollapsed({ ...collapsed, groups: !collapsed.groups }))}
                aria-expanded={!collapsed.groups}
              >
                <span>{collapsed.groups ? '▸' : '▾'}</span> 群聊 Groups
                <span className="muted small"> {groups.data?.length ?? 0}</span>
              </div>
              {/* Without it a failed load showed "0" groups, as if the account were in none. */}
              {groups.error && <div className="form-error pad">{groups.error}</div>}
              {!collapsed.groups &&
                (groups.data ?? [])
                  .filter((group) => matches(`${group.group_name} ${group.group_id}`))
                  .map((group) => row({ type: 'group', id: group.group_id }, `${group.member_count} 人 · ${group.group_id}`))}
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
