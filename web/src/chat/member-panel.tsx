import { useState } from 'react';
import { Icon } from '../ui/icons';
import { act } from '../api/client';
import type { GroupMember } from '../api/types';
import { useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { navigate } from '../ui/router';
import { toast, toastError } from '../ui/toast';

const order = { owner: 0, admin: 1, member: 2 } as const;

/**
 * The group's member list beside the chat. Its actions run *as the account you act as*, with QQ's
 * rules (only admins mute, only the owner appoints admins): a refused action shows the server's
 * reason. The World page does the same changes as the world itself, without the rules.
 */
export function MemberPanel(props: {
  selfId: number;
  groupId: number;
  members: GroupMember[];
  error: string;
  onMention: (qq: number, name: string) => void;
  onPoke: (userId: number) => void;
}) {
  const world = useWorld();
  const [open, setOpen] = useState<number | undefined>();
  const sorted = [...props.members].sort(
    (a, b) => order[a.role] - order[b.role] || (a.card || a.nickname).localeCompare(b.card || b.nickname),
  );
  const now = Date.now() / 1000;

  const run = async (action: string, params: Record<string, unknown>, done: string) => {
    try {
      await act(props.selfId, action, { group_id: props.groupId, ...params });
      toast(done);
      world.scheduleReload();
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <aside className="member-panel" data-testid="member-panel">
      <div className="member-panel-head">群成员 {props.members.length}</div>
      {props.error && <div className="form-error pad">{props.error}</div>}
      <div className="member-list">
        {sorted.map((member) => {
          const name = member.card || member.nickname;
          const muted = (member.shut_up_timestamp ?? 0) > now;
          return (
            <div key={member.user_id} className="member-row-wrap">
              <div
                className="member-row"
                onClick={() => setOpen(open === member.user_id ? undefined : member.user_id)}
                data-testid={`member-${member.user_id}`}
              >
                <Avatar
                  id={member.user_id}
                  name={name}
                  size={28}
                  bot={world.account(member.user_id)?.bot}
                  onDoubleClick={() => props.onPoke(member.user_id)}
                />
                <span className="member-name">{name}</span>
                {muted && <Icon name="muted" inline title="禁言中" />}
                {member.role !== 'member' && (
                  <span className={`role-badge role-${member.role}`}>{member.role === 'owner' ? '群主' : '管理员'}</span>
                )}
              </div>
              {open === member.user_id && (
                <div className="member-menu" data-testid="member-menu">
                  <div className="muted small">
                    {member.nickname} · {member.user_id}
                    {member.title ? ` · 「${member.title}」` : ''}
                  </div>
                  <button onClick={() => props.onMention(member.user_id, name)}>@TA</button>
                  <button onClick={() => props.onPoke(member.user_id)}>戳一戳</button>
                  {member.user_id !== props.selfId && <button onClick={() => navigate(`/chat/p/${member.user_id}`)}>私聊</button>}
                  <button
                    onClick={() => {
                      const card = window.prompt(`${name} 的群名片 (group card)`, member.card);
                      if (card !== null) void run('set_group_card', { user_id: member.user_id, card }, '名片已修改');
                    }}
                  >
                    修改名片
                  </button>
                  {muted ? (
                    <button onClick={() => void run('set_group_ban', { user_id: member.user_id, duration: 0 }, '已解除禁言')}>
                      解除禁言
                    </button>
                  ) : (
                    <button
                      onClick={() => {
                        const minutes = Number(window.prompt('禁言多少分钟? (minutes)', '10'));
                        if (minutes > 0)
                          void run('set_group_ban', { user_id: member.user_id, duration: Math.round(minutes * 60) }, '已禁言');
                      }}
                    >
                      禁言
                    </button>
                  )}
                  {member.role !== 'owner' && (
                    <button
                      onClick={() =>
                        void run('set_group_admin', { user_id: member.user_id, enable: member.role !== 'admin' }, '管理员已更新')
                      }
                    >
                      {member.role === 'admin' ? '取消管理员' : '设为管理员'}
                    </button>
                  )}
                  {member.role !== 'owner' && member.user_id !== props.selfId && (
                    <button
                      className="danger"
                      onClick={() =>
                        window.confirm(`把 ${name} 移出本群?`) && void run('set_group_kick', { user_id: member.user_id }, '已移出')
                      }
                    >
                      移出本群
                    </button>
                  )}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </aside>
  );
}
