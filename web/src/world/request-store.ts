import { useSyncExternalStore } from 'react';
import { act } from '../api/client';
import { live } from '../api/live';
import { worldData } from '../api/world-data';

export interface PendingRequest {
  kind: 'friend' | 'group';
  /** The account the request is addressed to (who answers it). */
  selfId: number;
  flag: string;
  userId: number;
  groupId: number;
  subType: string;
  comment: string;
  time: number;
}

/**
 * Pending requests, from `request` events on the live socket and, for group requests, from each
 * admin's get_group_system_msg, so requests raised before the page opened are listed too.
 */
class RequestStore {
  #pending = new Map<string, PendingRequest>();
  #listeners = new Set<() => void>();
  #list: PendingRequest[] = [];
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (frame.type !== 'onebot' || frame.event.post_type !== 'request') return;
      const event = frame.event;
      this.#add({
        kind: event.request_type === 'friend' ? 'friend' : 'group',
        selfId: frame.self_id,
        flag: String(event.flag),
        userId: Number(event.user_id),
        groupId: Number(event.group_id ?? 0),
        subType: String(event.sub_type ?? ''),
        comment: String(event.comment ?? ''),
        time: event.time,
      });
    });
    void this.refresh();
  }

  /** Asks every group's owner and admins for their pending join requests and invitations. */
  async refresh(): Promise<void> {
    const admins = new Set<number>();
    for (const group of worldData.groups) for (const member of group.members) if (member.role !== 'member') admins.add(member.user_id);
    for (const selfId of admins) {
      try {
        const data = await act<{ join_requests?: SystemRequest[]; invited_requests?: SystemRequest[] }>(selfId, 'get_group_system_msg', {});
        for (const [list, subType] of [[data?.join_requests, 'add'], [data?.invited_requests, 'invite']] as const) {
          for (const request of list ?? []) {
            if (request.checked) continue;
            this.#add({
              kind: 'group',
              selfId,
              flag: String(request.request_id),
              userId: Number(request.requester_uin ?? request.invitor_uin),
              groupId: Number(request.group_id),
              subType,
              comment: String(request.message ?? ''),
              time: 0,
            });
          }
        }
      } catch {
        // The server may not have the action; live events still fill the list.
      }
    }
  }

  resolve(request: PendingRequest): void {
    this.#pending.delete(`${request.selfId}:${request.flag}`);
    this.#emit();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get list(): PendingRequest[] {
    return this.#list;
  }

  #add(request: PendingRequest): void {
    this.#pending.set(`${request.selfId}:${request.flag}`, request);
    this.#emit();
  }

  #emit(): void {
    this.#list = [...this.#pending.values()].sort((a, b) => b.time - a.time);
    this.#listeners.forEach((listener) => listener());
  }
}

interface SystemRequest {
  request_id: number | string;
  requester_uin?: number;
  invitor_uin?: number;
  group_id: number;
  message?: string;
  checked?: boolean;
}

export const requestStore = new RequestStore();

export function useRequests(): PendingRequest[] {
  requestStore.start();
  return useSyncExternalStore(
    (callback) => requestStore.subscribe(callback),
    () => requestStore.list,
  );
}
