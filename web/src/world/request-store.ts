import { useSyncExternalStore } from 'react';
import { api, describeError } from '../api/client';
import { live } from '../api/live';
import type { RequestView } from '@contract';

/** A request as GET /api/world/requests lists it. */
export type PendingRequest = RequestView;

/**
 * The world's pending requests, reloaded whenever a request is raised or answered (by the console,
 * a bot, or a group's join setting).
 */
class RequestStore {
  #list: PendingRequest[] = [];
  #error = '';
  #listeners = new Set<() => void>();
  #started = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (
        frame.type === 'domain' &&
        (frame.event.type.startsWith('request.') ||
          frame.event.type === 'member.joined' ||
          frame.event.type === 'friend.added' ||
          frame.event.type === 'world.restored')
      ) {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.refresh(), 100);
      }
    });
    live.onReconnect(() => void this.refresh());
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.#list = await api('GET /api/world/requests', { query: { status: 'pending' } });
      this.#error = '';
    } catch (error) {
      this.#error = describeError(error);
    }
    this.#listeners.forEach((listener) => listener());
  }

  get list(): PendingRequest[] {
    return this.#list;
  }

  get error(): string {
    return this.#error;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const requestStore = new RequestStore();

export function useRequests(): PendingRequest[] {
  requestStore.start();
  return useSyncExternalStore(
    (callback) => requestStore.subscribe(callback),
    () => requestStore.list,
  );
}
