import { useState, type FormEvent } from 'react';
import type { AdminApi, AccountView } from '@contract';
import { api, describeError } from '../api/client';
import { useWorld } from '../api/world-data';
import { Avatar } from '../ui/avatar';
import { attempt } from '../ui/attempt';
import { toast } from '../ui/toast';

type Sex = AccountView['sex'];
const sexOf = (value: string): Sex => (value === 'male' || value === 'female' ? value : 'unknown');

export function AccountsCard() {
  const world = useWorld();
  const [form, setForm] = useState({ user_id: '', nickname: '', bot: false, sex: 'unknown' as Sex, age: '' });
  const [error, setError] = useState('');
  const nextId = Math.max(20000, ...world.accounts.filter((account) => !account.bot).map((account) => account.user_id)) + 1;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      await api('POST /api/world/accounts', {
        body: {
          user_id: Number(form.user_id || nextId),
          nickname: form.nickname,
          bot: form.bot,
          sex: form.sex,
          ...(form.age && { age: Number(form.age) }),
        },
      });
      toast(`已创建 ${form.nickname}`);
      setForm({ user_id: '', nickname: '', bot: false, sex: 'unknown', age: '' });
      await world.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const patch = async (userId: number, body: AdminApi['PATCH /api/world/accounts/:user_id']['body']) => {
    if (await attempt(() => api('PATCH /api/world/accounts/:user_id', { params: { user_id: userId }, body }))) await world.reload();
  };

  return (
    <section className="card" data-testid="accounts-card">
      <div className="card-head">
        <h3>账号 Accounts ({world.accounts.length})</h3>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th />
            <th>QQ</th>
            <th>昵称 Nickname</th>
            <th>Bot</th>
            <th>性别</th>
            <th>年龄</th>
            <th>签名 Signature</th>
          </tr>
        </thead>
        <tbody>
          {world.accounts.map((account) => (
            <tr key={account.user_id}>
              <td>
                <Avatar id={account.user_id} name={account.nickname} size={26} bot={account.bot} />
              </td>
              <td>{account.user_id}</td>
              <td>
                {/* Keyed by the nickname: a change from elsewhere (a restore, a bot) shows at once. */}
                <input
                  key={account.nickname}
                  defaultValue={account.nickname}
                  aria-label={`昵称 Nickname of ${account.user_id}`}
                  data-testid={`account-nickname-${account.user_id}`}
                  onBlur={(event) =>
                    event.target.value !== account.nickname && void patch(account.user_id, { nickname: event.target.value })
                  }
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`机器人 Bot: ${account.user_id}`}
                  checked={account.bot}
                  onChange={(event) => void patch(account.user_id, { bot: event.target.checked })}
                />
              </td>
              <td>
                <select
                  aria-label={`性别 Sex of ${account.user_id}`}
                  value={account.sex}
                  onChange={(event) => void patch(account.user_id, { sex: sexOf(event.target.value) })}
                >
                  <option value="unknown">?</option>
                  <option value="male">男</option>
                  <option value="female">女</option>
                </select>
              </td>
              <td>{account.age || ''}</td>
              <td className="muted small">{account.long_nick}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form-row" onSubmit={create} data-testid="create-account">
        <input
          type="number"
          aria-label="新账号 QQ New account QQ"
          placeholder={`QQ (${nextId})`}
          value={form.user_id}
          onChange={(event) => setForm({ ...form, user_id: event.target.value })}
        />
        <input
          aria-label="新账号昵称 New account nickname"
          placeholder="昵称 Nickname"
          required
          value={form.nickname}
          onChange={(event) => setForm({ ...form, nickname: event.target.value })}
          data-testid="new-account-nickname"
        />
        <select
          aria-label="新账号性别 New account sex"
          value={form.sex}
          onChange={(event) => setForm({ ...form, sex: sexOf(event.target.value) })}
        >
          <option value="unknown">性别 ?</option>
          <option value="male">男</option>
          <option value="female">女</option>
        </select>
        <input
          type="number"
          aria-label="新账号年龄 New account age"
          placeholder="年龄 Age"
          value={form.age}
          onChange={(event) => setForm({ ...form, age: event.target.value })}
        />
        <label className="field-inline field">
          <input type="checkbox" checked={form.bot} onChange={(event) => setForm({ ...form, bot: event.target.checked })} /> bot
        </label>
        <button className="primary" type="submit">
          创建账号 Create
        </button>
        {error && <span className="form-error">{error}</span>}
      </form>
    </section>
  );
}
