import type { World } from '../../world/world.js';
import type { HeartbeatEvent, LifecycleEvent } from '../../contract/onebot/events.js';

/** `meta_event` lifecycle: `connect` is the first frame on every forward WebSocket that gets events. */
export function lifecycleEvent(selfId: number, subType: 'connect' | 'enable' | 'disable', timeSeconds: number): LifecycleEvent {
  return { time: timeSeconds, self_id: selfId, post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: subType };
}

/** `meta_event` heartbeat: carries the account's status (as get_status) and the interval in ms. */
export function heartbeatEvent(
  selfId: number,
  status: { online: boolean; good: boolean },
  intervalMs: number,
  timeSeconds: number,
): HeartbeatEvent {
  return {
    time: timeSeconds,
    self_id: selfId,
    post_type: 'meta_event',
    meta_event_type: 'heartbeat',
    status: { online: status.online, good: status.good },
    interval: intervalMs,
  };
}

/** The status a heartbeat carries: what get_status says of the account (offline when it is gone). */
export async function heartbeatStatus(world: World, selfId: number): Promise<{ online: boolean; good: boolean }> {
  const account = await world.accounts.find(selfId);
  const state = world.health.state(selfId);
  const good = account !== undefined && state !== 'offline' && state !== 'kicked';
  return { online: good && account.onlineStatus.status !== 20, good };
}
