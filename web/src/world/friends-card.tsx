import { useState, type FormEvent } from 'react';
import { Icon } from '../ui/icons';
import { api, describeError } from '../api/client';
import { useLoad, useWorld } from '../api/world-data';
import { attempt } from '../ui/attempt';
import { toast } from '../ui/toast';

/** One account's friends by category; make or end friendships as the world. */
export function FriendsCard() {
  const world = useWorld();
  const [owner, setOwner] = useState<number | undefined>();
  const userId = owner ?? world.accounts[0]?.user_id ?? 0;
  const detail = useLoad(
    () => (userId ? api('GET /api/world/accounts/:user_id', { params: { user_id: userId } }) : Promise.resolve(undefined)),
    [userId],
    { withWorld: true },
  );
  const [form, setForm] = useState({ friend_id: '', category: '', remark: '' });
  const [error, setError] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      await api('POST /api/world/friends', {
        body: {
          user_id: userId,
          friend_id: Number(form.friend_id),
          ...(form.category && { category: form.category }),
          ...(form.remark && { remark: form.remark }),
        },
      });
      toast('已成为好友');
      setForm({ friend_id: '', category: '', remark: '' });
      await world.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const remove = async (friendId: number) => {
    const removed = await attempt(() =>
      api('DELETE /api/world/friends/:user_id/:friend_id', { params: { user_id: userId, friend_id: friendId } }),
    );
    if (removed) await world.reload();
  };

  const categories = detail.data?.categories ?? [];
  const friendIds = new Set(detail.data?.friends.map((friend) => friend.user_id));
  return (
    <section className="card" data-testid="friends-card">
      <div className="card-head">
        <h3>好友 Friendships</h3>
        <select aria-label="好友所属 Account" value={userId} onChange={(event) => setOwner(Number(event.target.value))}>
          {world.accounts.map((account) => (
            <option key={account.user_id} value={account.user_id}>
              {account.nickname} ({account.user_id})
            </option>
          ))}
        </select>
      </div>
      {categories.map((category) => {
        const friends = detail.data?.friends.filter((friend) => friend.category_id === category.category_id) ?? [];
        return (
          <div key={category.category_id}>
            <div className="muted small">
              {category.name} · {friends.length}
            </div>
            <div className="form-row">
              {friends.map((friend) => (
                <span key={friend.user_id} className="chip">
                  {world.nameOf(friend.user_id)}
                  {friend.remark ? ` (${friend.remark})` : ''} · {friend.user_id}{' '}
                  <button className="link-button danger" title="删除好友" onClick={() => void remove(friend.user_id)}>
                    <Icon name="close" inline />
                  </button>
                </span>
              ))}
            </div>
          </div>
        );
      })}
      <form className="form-row" onSubmit={add}>
        <select
          aria-label="加好友 New friend"
          required
          value={form.friend_id}
          onChange={(event) => setForm({ ...form, friend_id: event.target.value })}
        >
          <option value="">加好友…</option>
          {world.accounts
            .filter((account) => account.user_id !== userId && !friendIds.has(account.user_id))
            .map((account) => (
              <option key={account.user_id} value={account.user_id}>
                {account.nickname} ({account.user_id})
              </option>
            ))}
        </select>
        <input
          aria-label="好友分组 Friend category"
          placeholder="分组 Category"
          list="friend-categories"
          value={form.category}
          onChange={(event) => setForm({ ...form, category: event.target.value })}
        />
        <datalist id="friend-categories">
          {categories.map((category) => (
            <option key={category.category_id} value={category.name} />
          ))}
        </datalist>
        <input
          aria-label="好友备注 Friend remark"
          placeholder="备注 Remark"
          value={form.remark}
          onChange={(event) => setForm({ ...form, remark: event.target.value })}
        />
        <button className="primary" type="submit">
          成为好友 Befriend
        </button>
        {error && <span className="form-error">{error}</span>}
      </form>
      {/* Without it a failed load showed an empty card, as if the account had no friends. */}
      {detail.error && <div className="form-error">{detail.error}</div>}
    </section>
  );
}
