import { useState, type FormEvent } from 'react';
import { act, api, describeError } from '../api/client';
import { useWorld } from '../api/world-data';
import { attempt } from '../ui/attempt';
import { toast } from '../ui/toast';
import { requestStore, useRequests, type PendingRequest } from './request-store';

type Kind = 'friend' | 'group' | 'invite';

/**
 * Friend requests, join requests and invitations: raise one as any account, and answer pending
 * ones as an account allowed to (set_friend_add_request / set_group_add_request through `act`,
 * exactly what a bot would call).
 */
export function RequestsCard() {
  const world = useWorld();
  const pending = useRequests();
  const [kind, setKind] = useState<Kind>('friend');
  const [form, setForm] = useState({ user_id: '', target: '', invitee: '', comment: '' });
  const [answerAs, setAnswerAs] = useState<Record<string, number>>({});
  const [error, setError] = useState('');

  const raise = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const user_id = Number(form.user_id);
      const target = Number(form.target);
      const raised =
        kind === 'friend'
          ? await api('POST /api/world/requests/friend', { body: { user_id, target_id: target, comment: form.comment } })
          : kind === 'group'
            ? await api('POST /api/world/requests/group', { body: { user_id, group_id: target, comment: form.comment } })
            : await api('POST /api/world/requests/invite', { body: { user_id, group_id: target, invitee_id: Number(form.invitee) } });
      toast(raised.status === 'pending' ? '请求已发送 Request raised' : `已处理 Handled at once: ${raised.status}`);
      setForm({ ...form, comment: '' });
      void requestStore.refresh();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const answer = async (request: PendingRequest, approve: boolean) => {
    const selfId = answerAs[request.flag] ?? request.answerers[0];
    if (!selfId) return;
    const answered = await attempt(
      () =>
        request.kind === 'friend'
          ? act(selfId, 'set_friend_add_request', { flag: request.flag, approve })
          : act(selfId, 'set_group_add_request', { flag: request.flag, sub_type: request.kind === 'invite' ? 'invite' : 'add', approve }),
      approve ? '已同意 Approved' : '已拒绝 Rejected',
    );
    if (!answered) return;
    void requestStore.refresh();
    world.scheduleReload();
  };

  const accountOptions = world.accounts.map((account) => (
    <option key={account.user_id} value={account.user_id}>
      {account.nickname} ({account.user_id})
    </option>
  ));
  const describe = (request: PendingRequest) => {
    const group = world.group(request.group_id)?.group_name ?? request.group_id;
    if (request.kind === 'friend') return `${world.nameOf(request.user_id)} 请求加 ${world.nameOf(request.target_id)} 为好友`;
    if (request.kind === 'invite') return `${world.nameOf(request.user_id)} 邀请 ${world.nameOf(request.target_id)} 加入 ${group}`;
    return `${world.nameOf(request.user_id)} 申请加入 ${group}`;
  };

  return (
    <section className="card" data-testid="requests-card">
      <h3>请求 Requests</h3>
      <form className="form-row" onSubmit={raise} data-testid="raise-request">
        <select aria-label="请求类型 Request kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="friend">加好友 Friend request</option>
          <option value="group">加群 Join request</option>
          <option value="invite">邀请入群 Invitation</option>
        </select>
        <select
          required
          aria-label="请求人 From"
          value={form.user_id}
          onChange={(event) => setForm({ ...form, user_id: event.target.value })}
          data-testid="request-from"
        >
          <option value="">谁 From…</option>
          {accountOptions}
        </select>
        <select
          required
          aria-label={kind === 'friend' ? '加谁 To' : '哪个群 Group'}
          value={form.target}
          onChange={(event) => setForm({ ...form, target: event.target.value })}
          data-testid="request-target"
        >
          <option value="">{kind === 'friend' ? '加谁 To…' : '哪个群 Group…'}</option>
          {kind === 'friend'
            ? accountOptions
            : world.groups.map((group) => (
                <option key={group.group_id} value={group.group_id}>
                  {group.group_name} ({group.group_id})
                </option>
              ))}
        </select>
        {kind === 'invite' ? (
          <select
            aria-label="邀请谁 Invitee"
            required
            value={form.invitee}
            onChange={(event) => setForm({ ...form, invitee: event.target.value })}
          >
            <option value="">邀请谁 Invitee…</option>
            {accountOptions}
          </select>
        ) : (
          <input
            aria-label="验证消息 Comment"
            placeholder="验证消息 Comment"
            value={form.comment}
            onChange={(event) => setForm({ ...form, comment: event.target.value })}
          />
        )}
        <button className="primary" type="submit">
          发送请求 Raise
        </button>
        {error && <span className="form-error">{error}</span>}
      </form>
      {requestStore.error && <div className="form-error">{requestStore.error}</div>}
      {pending.length === 0 ? (
        <div className="muted small">No pending requests.</div>
      ) : (
        <table className="table" data-testid="pending-requests">
          <thead>
            <tr>
              <th>请求</th>
              <th>验证消息</th>
              <th>以…身份处理 Answer as</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {pending.map((request) => (
              <tr key={request.flag} data-testid={`request-${request.flag}`}>
                <td>{describe(request)}</td>
                <td className="muted">{request.comment}</td>
                <td>
                  <select
                    aria-label={`处理人 Answer as (${request.flag})`}
                    value={answerAs[request.flag] ?? request.answerers[0] ?? ''}
                    onChange={(event) => setAnswerAs({ ...answerAs, [request.flag]: Number(event.target.value) })}
                  >
                    {request.answerers.map((userId) => (
                      <option key={userId} value={userId}>
                        {world.nameOf(userId)} ({userId})
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    className="secondary"
                    disabled={request.answerers.length === 0}
                    onClick={() => void answer(request, true)}
                    data-testid="approve-request"
                  >
                    同意
                  </button>{' '}
                  <button
                    className="secondary danger"
                    disabled={request.answerers.length === 0}
                    onClick={() => void answer(request, false)}
                  >
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
