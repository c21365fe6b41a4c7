import { useEffect, useMemo } from 'react';
import { Icon } from '../ui/icons';
import { parsePeerKey, peerKey, type Peer } from '../api/types';
import { useActingAs } from '../session';
import { navigate } from '../ui/router';
import { chatStore } from './chat-store';
import { Contacts } from './contacts';
import { ConversationView } from './conversation';

/** `/chat/g/30001` or `/chat/p/20002`: the open conversation, if any. */
function peerFromPath(path: string): Peer | undefined {
  const match = /^\/chat\/([gp])\/(\d+)/.exec(path);
  return match ? parsePeerKey(`${match[1]}:${match[2]}`) : undefined;
}

export const chatPath = (peer: Peer) => `/chat/${peerKey(peer).replace(':', '/')}`;

/** The QQ main window: contacts and recent chats on the left, the open conversation on the right. */
export function ChatPage(props: { path: string }) {
  const selfId = useActingAs();
  // One object per path, so effects and the conversation view see the same peer until the path changes.
  const peer = useMemo(() => peerFromPath(props.path), [props.path]);

  useEffect(() => {
    if (!selfId) return;
    void chatStore.loadRecent(selfId);
  }, [selfId]);

  useEffect(() => {
    if (!selfId) return;
    chatStore.setActive(selfId, peer);
    const onVisible = () => document.visibilityState === 'visible' && chatStore.setActive(selfId, peer);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      chatStore.setActive(selfId, undefined);
    };
  }, [selfId, peer]);

  if (!selfId) return <div className="empty-state">Loading the world…</div>;
  return (
    <div className="chat-page">
      <Contacts selfId={selfId} active={peer} onOpen={(next) => navigate(chatPath(next))} />
      {peer ? (
        <ConversationView key={`${selfId}|${peerKey(peer)}`} selfId={selfId} peer={peer} />
      ) : (
        <div className="empty-state conversation-empty">
          <div>
            <div className="big-icon">
              <Icon name="cat" size={64} />
            </div>
            <p>Pick a group or a friend on the left to start chatting.</p>
          </div>
        </div>
      )}
    </div>
  );
}
