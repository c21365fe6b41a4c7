import { useState, type FormEvent } from 'react';
import { Icon } from './ui/icons';
import { api, ApiError } from './api/client';

/** Asks for the web UI token (printed by `catnap start`, saved in data/config/catnap.json). */
export function Login(props: { onLogin: (token: string) => void; problem?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(props.problem ?? '');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api('GET /api/world/accounts', { token: token.trim() });
      props.onLogin(token.trim());
    } catch (failure) {
      setError(
        failure instanceof ApiError && (failure.status === 401 || failure.status === 403)
          ? '令牌不正确 (the token is wrong)'
          : String((failure as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-logo">
          <Icon name="cat" size={48} />
        </div>
        <h1>Catnap</h1>
        <p className="muted">A QQ world for your OneBot bots</p>
        <input
          type="password"
          aria-label="Web UI 令牌 token"
          placeholder="Web UI token"
          value={token}
          autoFocus
          onChange={(event) => setToken(event.target.value)}
          data-testid="login-token"
        />
        <button className="primary" disabled={busy || !token.trim()} type="submit" data-testid="login-submit">
          登录 Log in
        </button>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <p className="muted small">
          The token is printed when Catnap starts (the <code>?token=</code> link logs straight in) and kept in{' '}
          <code>data/config/catnap.json</code>.
        </p>
      </form>
    </div>
  );
}
