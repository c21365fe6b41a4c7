import { useState, type FormEvent } from 'react';
import { act, api, describeError } from '../api/client';
import { useWorld } from '../api/world-data';
import { toast } from '../ui/toast';
import { useRequests, requestStore, type PendingRequest } from './request-store';

/**
 * Friend and group-join requests: raise one as any account, and answer the pending ones as the
 * account they are addressed to (set_friend_add_request / set_group_add_request through `act`).
 */
export function RequestsCard() {
  const world = useWorld();
  const pending = useRequests();
  const [kind, setKind] = useState<'friend' | 'group'>('friend');
  const [form, setForm] = useState({ user_id: '', target: '', comment: '' });
  const [error, setError] = useState('');

  const raise = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const body =
        kind === 'friend'
          ? { user_id: Number(form.user_id), target_id: Number(form.target), comment: form.comment }
          : { user_id: Number(form.user_id), group_id: Number(form.target), comment: form.comment };
      await api('POST', `/api/world/requests/${kind}`, { body });
      toast('请求已发送 Request raised');
      setForm({ ...form, comment: '' });
      void requestStore.refresh();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const answer = async (request: PendingRequest, approve: boolean) => {
    try {
      if (request.kind === 'friend') await act(request.selfId, 'set_friend_add_request', { flag: request.flag, approve });
      else await act(request.selfId, 'set_group_add_request', { flag: request.flag, sub_type: request.subType, approve });
      requestStore.resolve(request);
      toast(approve ? '已同意 Approved' : '已拒绝 Rejected');
      world.scheduleReload();
    } catch (failure) {
      toast(describeError(failure), 'error');
    }
  };

  return (
    <section className="card" data-testid="requests-card">
      <h3>请求 Requests</h3>
      <form className="form-row" onSubmit={raise}>
        <select value={kind} onChange={(event) => setKind(event.target.value as 'friend' | 'group')}>
          <option value="friend">加好友 Friend request</option>
          <option value="group">加群 Join request</option>
        </select>
        <select required value={form.user_id} onChange={(event) => setForm({ ...form, user_id: event.target.value })}>
          <option value="">谁 From…</option>
          {world.accounts.map((account) => (
            <option key={account.user_id} value={account.user_id}>
              {account.nickname} ({account.user_id})
            </option>
          ))}
        </select>
        <select required value={form.target} onChange={(event) => setForm({ ...form, target: event.target.value })}>
          <option value="">{kind === 'friend' ? '加谁 To…' : '加哪个群 Group…'}</option>
          {kind === 'friend'
            ? world.accounts.map((account) => (
                <option key={account.user_id} value={account.user_id}>
                  {account.nickname} ({account.user_id})
                </option>
              ))
            : world.groups.map((group) => (
                <option key={group.group_id} value={group.group_id}>
                  {group.group_name} ({group.group_id})
                </option>
              ))}
        </select>
        <input placeholder="验证消息 Comment" value={form.comment} onChange={(event) => setForm({ ...form, comment: event.target.value })} />
        <button className="primary" type="submit">
          发送请求 Raise
        </button>
        {error && <span className="form-error">{error}</span>}
      </form>
      {pending.length === 0 ? (
        <div className="muted small">No pending requests seen. Requests raised here or by bots appear as they arrive.</div>
      ) : (
        <table className="table" data-testid="pending-requests">
          <thead>
            <tr>
              <th>收到 To</th>
              <th>请求</th>
              <th>验证消息</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {pending.map((request) => (
              <tr key={`${request.selfId}:${request.flag}`}>
                <td>{world.nameOf(request.selfId)}</td>
                <td>
                  {request.kind === 'friend'
                    ? `${world.nameOf(request.userId)} 请求加为好友`
                    : request.subType === 'invite'
                      ? `${world.nameOf(request.userId)} 邀请加入 ${world.group(request.groupId)?.group_name ?? request.groupId}`
                      : `${world.nameOf(request.userId)} 申请加入 ${world.group(request.groupId)?.group_name ?? request.groupId}`}
                </td>
                <td className="muted">{request.comment}</td>
                <td>
                  <button className="secondary" onClick={() => void answer(request, true)}>
                    同意
                  </button>{' '}
                  <button className="secondary danger" onClick={() => void answer(request, false)}>
                    拒绝
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
