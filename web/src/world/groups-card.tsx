import { useState, type FormEvent } from 'react';
import { Icon } from '../ui/icons';
import type { AdminApi } from '@contract';
import { api, describeError } from '../api/client';
import { useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { attempt } from '../ui/attempt';
import { toast } from '../ui/toast';

/** Groups as the world: create them, rename, mute, transfer, and manage members without QQ's rules. */
export function GroupsCard() {
  const world = useWorld();
  const [selected, setSelected] = useState<number | undefined>();
  const group = world.group(selected ?? world.groups[0]?.group_id ?? 0);
  const [creating, setCreating] = useState({ group_id: '', group_name: '', owner_id: '', members: [] as number[] });
  const [error, setError] = useState('');
  const [addId, setAddId] = useState('');
  const now = Date.now() / 1000;

  /** Runs one change, says `done` when it worked (or why not), and reloads the world after it. */
  const run = async (change: () => Promise<unknown>, done?: string) => {
    if (await attempt(change, done)) await world.reload();
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    const nextId = Math.max(30000, ...world.groups.map((entry) => entry.group_id)) + 1;
    try {
      const owner = Number(creating.owner_id || world.accounts[0]?.user_id);
      await api('POST /api/world/groups', {
        body: {
          group_id: Number(creating.group_id || nextId),
          group_name: creating.group_name,
          owner_id: owner,
          members: creating.members.filter((id) => id !== owner),
        },
      });
      toast(`已创建群 ${creating.group_name}`);
      setCreating({ group_id: '', group_name: '', owner_id: '', members: [] });
      await world.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const patchGroup = (body: AdminApi['PATCH /api/world/groups/:group_id']['body'], done?: string) =>
    group && run(() => api('PATCH /api/world/groups/:group_id', { params: { group_id: group.group_id }, body }), done);

  const outside = group ? world.accounts.filter((account) => !group.members.some((member) => member.user_id === account.user_id)) : [];
  return (
    <section className="card" data-testid="groups-card">
      <div className="card-head">
        <h3>群 Groups ({world.groups.length})</h3>
        <select
          aria-label="群 Group"
          value={group?.group_id ?? ''}
          onChange={(event) => setSelected(Number(event.target.value))}
          data-testid="group-select"
        >
          {world.groups.map((entry) => (
            <option key={entry.group_id} value={entry.group_id}>
              {entry.group_name} ({entry.group_id})
            </option>
          ))}
        </select>
      </div>
      {group && (
        <>
          <div className="form-row">
            <label className="field field-inline">
              群名
              <input
                key={group.group_name}
                defaultValue={group.group_name}
                onBlur={(event) =>
                  event.target.value !== group.group_name && void patchGroup({ group_name: event.target.value }, '群名已修改')
                }
              />
            </label>
            <label className="field field-inline">
              <input
                type="checkbox"
                checked={group.whole_mute}
                onChange={(event) => void patchGroup({ whole_mute: event.target.checked })}
              />{' '}
              全员禁言
            </label>
            <label className="field field-inline">
              群主
              <select value={group.owner_id} onChange={(event) => void patchGroup({ owner_id: Number(event.target.value) }, '已转让群主')}>
                {group.members.map((member) => (
                  <option key={member.user_id} value={member.user_id}>
                    {world.nameOf(member.user_id)} ({member.user_id})
                  </option>
                ))}
              </select>
            </label>
            <button
              className="danger-fill"
              onClick={() =>
                window.confirm(`解散 ${group.group_name}?`) &&
                void run(() => api('DELETE /api/world/groups/:group_id', { params: { group_id: group.group_id } }), '群已解散')
              }
            >
              解散 Dismiss
            </button>
          </div>
          <table className="table" data-testid="group-members">
            <thead>
              <tr>
                <th />
                <th>成员</th>
                <th>身份 Role</th>
                <th>群名片 Card</th>
                <th>头衔 Title</th>
                <th>禁言 Mute</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {group.members.map((member) => {
                const params = { group_id: group.group_id, user_id: member.user_id };
                const patch = (body: AdminApi['PATCH /api/world/groups/:group_id/members/:user_id']['body']) =>
                  void run(() => api('PATCH /api/world/groups/:group_id/members/:user_id', { params, body }));
                const muted = member.mute_until > now;
                return (
                  <tr key={member.user_id} data-testid={`world-member-${member.user_id}`}>
                    <td>
                      <Avatar id={member.user_id} name={world.nameOf(member.user_id)} size={24} />
                    </td>
                    <td>
                      {world.nameOf(member.user_id)} <span className="muted small">{member.user_id}</span>
                    </td>
                    <td>
                      {member.role === 'owner' ? (
                        '群主'
                      ) : (
                        <select
                          aria-label={`角色 Role of ${member.user_id}`}
                          value={member.role}
                          onChange={(event) => patch({ role: event.target.value === 'admin' ? 'admin' : 'member' })}
                          data-testid="member-role"
                        >
                          <option value="admin">管理员</option>
                          <option value="member">成员</option>
                        </select>
                      )}
                    </td>
                    <td>
                      <input
                        key={member.card}
                        defaultValue={member.card}
                        aria-label={`群名片 Card of ${member.user_id}`}
                        placeholder="—"
                        onBlur={(event) => event.target.value !== member.card && patch({ card: event.target.value })}
                        data-testid="member-card"
                      />
                    </td>
                    <td>
                      <input
                        key={member.title}
                        defaultValue={member.title}
                        aria-label={`头衔 Title of ${member.user_id}`}
                        placeholder="—"
                        onBlur={(event) => event.target.value !== member.title && patch({ title: event.target.value })}
                      />
                    </td>
                    <td>
                      {member.role === 'owner' ? null : muted ? (
                        <button className="link-button" onClick={() => patch({ mute_seconds: 0 })}>
                          <Icon name="muted" inline /> 至 {new Date(member.mute_until * 1000).toLocaleTimeString()} · 解除
                        </button>
                      ) : (
                        <select
                          aria-label={`禁言 Mute ${member.user_id}`}
                          value=""
                          onChange={(event) => event.target.value && patch({ mute_seconds: Number(event.target.value) })}
                          data-testid="member-mute"
                        >
                          <option value="">禁言…</option>
                          <option value="60">1 分钟</option>
                          <option value="600">10 分钟</option>
                          <option value="3600">1 小时</option>
                          <option value="86400">1 天</option>
                        </select>
                      )}
                    </td>
                    <td>
                      {member.role !== 'owner' && (
                        <button
                          className="link-button danger"
                          onClick={() => void run(() => api('DELETE /api/world/groups/:group_id/members/:user_id', { params }), '已移出')}
                        >
                          踢出 Kick
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="form-row">
            <select aria-label="添加成员 Member to add" value={addId} onChange={(event) => setAddId(event.target.value)}>
              <option value="">添加成员…</option>
              {outside.map((account) => (
                <option key={account.user_id} value={account.user_id}>
                  {account.nickname} ({account.user_id})
                </option>
              ))}
            </select>
            <button
              className="secondary"
              disabled={!addId}
              onClick={() =>
                void run(
                  () =>
                    api('POST /api/world/groups/:group_id/members', {
                      params: { group_id: group.group_id },
                      body: { user_id: Number(addId) },
                    }),
                  '已加入',
                ).then(() => setAddId(''))
              }
            >
              加入群 Add
            </button>
          </div>
        </>
      )}
      <form className="form-row" onSubmit={create} data-testid="create-group">
        <input
          type="number"
          aria-label="新群号 New group number"
          placeholder="群号 (auto)"
          value={creating.group_id}
          onChange={(event) => setCreating({ ...creating, group_id: event.target.value })}
        />
        <input
          aria-label="新群名 New group name"
          placeholder="群名 Name"
          required
          value={creating.group_name}
          onChange={(event) => setCreating({ ...creating, group_name: event.target.value })}
        />
        <select
          aria-label="新群群主 New group owner"
          value={creating.owner_id}
          onChange={(event) => setCreating({ ...creating, owner_id: event.target.value })}
        >
          <option value="">群主 Owner…</option>
          {world.accounts.map((account) => (
            <option key={account.user_id} value={account.user_id}>
              {account.nickname} ({account.user_id})
            </option>
          ))}
        </select>
        <details>
          <summary>成员 Members ({creating.members.length})</summary>
          {world.accounts.map((account) => (
            <label key={account.user_id} className="field field-inline">
              <input
                type="checkbox"
                checked={creating.members.includes(account.user_id)}
                onChange={(event) =>
                  setCreating({
                    ...creating,
                    members: event.target.checked
                      ? [...creating.members, account.user_id]
                      : creating.members.filter((id) => id !== account.user_id),
                  })
                }
              />
              {account.nickname}
            </label>
          ))}
        </details>
        <button className="primary" type="submit">
          创建群 Create group
        </button>
        {error && <span className="form-error">{error}</span>}
      </form>
    </section>
  );
}
