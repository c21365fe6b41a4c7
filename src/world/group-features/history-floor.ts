import { conversationKey } from '../messages/message.js';
import type { WorldStore } from '../store/store.js';

/**
 * Inside the unit that admits a member: when the group hides history from new members, the
 * member never sees what was sent before they joined; otherwise a floor from an earlier stay is
 * lifted (QQ sends a new member the recent history, or none of it).
 */
export function noteJoinIn(store: WorldStore, groupId: number, userId: number): void {
  const hidden = !store.groupFeatures.get(groupId).newMembersSeeHistory;
  const lastSeq = store.messages.conversation(conversationKey({ type: 'group', groupId }))?.lastSeq ?? 0;
  store.groupFeatures.setHistoryFloor(groupId, userId, hidden ? lastSeq : 0);
}
