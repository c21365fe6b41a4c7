import { useEffect, useState } from 'react';
import { api, onUnauthorized, saveToken, savedToken, takeTokenFromUrl } from './api/client';
import { live, useLiveState } from './api/live';
import { useWorld, worldData } from './api/world-data';
import { BotsPage } from './bots/bots-page';
import { ChatPage } from './chat/chat-page';
import { chatStore, useChat } from './chat/chat-store';
import { LoadPage } from './load/load-page';
import { Login } from './login';
import { logStore } from './bots/log-store';
import { requestStore } from './world/request-store';
import { PlaygroundPage } from './playground/playground-page';
import { TimelinePage } from './timeline/timeline-page';
import { onOpenAccountPicker, setActingAs, useActingAs } from './session';
import { Avatar } from './ui/avatar';
import { clickable } from './ui/clickable';
import { Icon, type IconName } from './ui/icons';
import { Modal } from './ui/modal';
import { navigate, usePath } from './ui/router';
import { Toasts } from './ui/toast';
import { WorldPage } from './world/world-page';

type Auth = 'checking' | 'in' | 'out';

export function App() {
  const [auth, setAuth] = useState<Auth>('checking');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const fromUrl = takeTokenFromUrl();
    if (fromUrl !== undefined) saveToken(fromUrl);
    if (!savedToken()) {
      setAuth('out');
      return;
    }
    api('GET /api/world/accounts').then(
      () => setAuth('in'),
      () => {
        setProblem(fromUrl ? 'The token in the link was not accepted.' : '');
        setAuth('out');
      },
    );
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        live.stop();
        setProblem('The token was refused; log in again.');
        setAuth('out');
      }),
    [],
  );

  useEffect(() => {
    if (auth !== 'in') return;
    live.start();
    worldData.start();
    chatStore.start();
    logStore.start();
    requestStore.start();
  }, [auth]);

  if (auth === 'checking')
    return (
      <div className="splash">
        <Icon name="cat" size={64} />
      </div>
    );
  if (auth === 'out') {
    return (
      <Login
        problem={problem}
        onLogin={(token) => {
          saveToken(token);
          setProblem('');
          setAuth('in');
        }}
      />
    );
  }
  return (
    <>
      <Shell
        onLogout={() => {
          saveToken('');
          live.stop();
          setAuth('out');
        }}
      />
      <Toasts />
    </>
  );
}

const pages: { path: string; icon: IconName; label: string }[] = [
  { path: '/chat', icon: 'chat', label: '消息 Chat' },
  { path: '/world', icon: 'world', label: '世界 World' },
  { path: '/timeline', icon: 'timeline', label: '时间线 Timeline' },
  { path: '/bots', icon: 'bots', label: '机器人 Bots' },
  { path: '/playground', icon: 'playground', label: 'API 调试 Playground' },
  { path: '/load', icon: 'load', label: '压测 Load' },
];

function Shell(props: { onLogout: () => void }) {
  const path = usePath();
  const world = useWorld();
  const chat = useChat();
  const actingAs = useActingAs();
  const liveState = useLiveState();
  const [picking, setPicking] = useState(false);

  // The first visit (or an account that is gone) acts as the first person (not a bot) of the
  // world, so chatting works at once.
  const fallbackActor =
    world.loaded && !world.account(actingAs) ? (world.accounts.find((account) => !account.bot) ?? world.accounts[0])?.user_id : undefined;
  useEffect(() => {
    if (fallbackActor !== undefined) setActingAs(fallbackActor);
  }, [fallbackActor]);

  useEffect(() => {
    if (path === '/' || path === '') navigate('/chat', true);
  }, [path]);

  useEffect(() => onOpenAccountPicker(() => setPicking(true)), []);

  const unread = chat.totalUnread(actingAs);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Catnap` : 'Catnap';
  }, [unread]);

  const me = world.account(actingAs);
  const section = pages.find((page) => path === page.path || path.startsWith(`${page.path}/`))?.path ?? '/chat';
  return (
    <div className="shell">
      <nav className="rail">
        <div
          className="rail-me"
          {...clickable(() => setPicking(true))}
          title="切换账号 Switch account"
          aria-label="切换账号 Switch account"
          data-testid="switch-account"
        >
          {me ? <Avatar id={me.user_id} name={me.nickname} size={40} bot={me.bot} /> : <span className="avatar" />}
        </div>
        {pages.map((page) => (
          <button
            key={page.path}
            className={`rail-button${section === page.path ? ' active' : ''}`}
            title={page.label}
            onClick={() => navigate(page.path)}
            data-testid={`nav-${page.path.slice(1)}`}
          >
            <Icon name={page.icon} />
            {page.path === '/chat' && chat.totalUnread(actingAs) > 0 && (
              <span className="badge rail-badge">{chat.totalUnread(actingAs)}</span>
            )}
          </button>
        ))}
        <div className="rail-spacer" />
        <span
          className={`live-dot live-${liveState}`}
          title={`live connection: ${liveState}`}
          data-testid="live-state"
          data-state={liveState}
        />
        <button className="rail-button" title="退出 Log out" onClick={props.onLogout}>
          <Icon name="logout" size={20} />
        </button>
      </nav>
      <main className="page">
        {world.error && !world.accounts.length ? <div className="page-error">Cannot load the world: {world.error}</div> : null}
        {section === '/chat' && <ChatPage path={path} />}
        {section === '/world' && <WorldPage />}
        {section === '/timeline' && <TimelinePage />}
        {section === '/bots' && <BotsPage path={path} />}
        {section === '/playground' && <PlaygroundPage />}
        {section === '/load' && <LoadPage />}
      </main>
      {picking && (
        <Modal title="以谁的身份聊天 · Act as" onClose={() => setPicking(false)} testId="account-picker">
          <div className="account-grid">
            {world.accounts.map((account) => (
              <button
                key={account.user_id}
                className={`account-choice${account.user_id === actingAs ? ' selected' : ''}`}
                onClick={() => {
                  setActingAs(account.user_id);
                  setPicking(false);
                  if (section === '/chat') navigate('/chat');
                }}
                data-testid={`act-as-${account.user_id}`}
              >
                <Avatar id={account.user_id} name={account.nickname} bot={account.bot} />
                <span className="account-choice-name">{account.nickname}</span>
                <span className="muted small">{account.user_id}</span>
                {chat.totalUnread(account.user_id) > 0 && <span className="badge">{chat.totalUnread(account.user_id)}</span>}
              </button>
            ))}
          </div>
        </Modal>
      )}
    </div>
  );
}
