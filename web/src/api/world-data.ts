import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import { api, describeError } from './client';
import { live } from './live';
import type { AccountView, GroupView } from './types';

/**
 * The world's accounts and groups, loaded once and reloaded (debounced) whenever a domain event
 * says the world changed, so every view shows the same, current world.
 */
class WorldData {
  accounts: AccountView[] = [];
  groups: GroupView[] = [];
  loaded = false;
  error = '';
  #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #version = 0;
  #started = false;

  get version(): number {
    return this.#version;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (frame.type !== 'domain') return;
      const type = frame.event.type;
      if (/^(account|friend|category|group|member|world)\./.test(type)) this.scheduleReload();
    });
    live.onReconnect(() => this.scheduleReload());
    void this.reload();
  }

  scheduleReload(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(), 150);
  }

  async reload(): Promise<void> {
    try {
      const [accounts, groups] = await Promise.all([api('GET /api/world/accounts'), api('GET /api/world/groups')]);
      this.accounts = accounts;
      this.groups = groups;
      this.error = '';
    } catch (error) {
      this.error = describeError(error);
    }
    this.loaded = true;
    this.#version++;
    this.#listeners.forEach((listener) => listener());
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  account(userId: number): AccountView | undefined {
    return this.accounts.find((account) => account.user_id === userId);
  }

  group(groupId: number): GroupView | undefined {
    return this.groups.find((group) => group.group_id === groupId);
  }

  /** How `userId` is shown: the group card in a group, else the nickname, else the number. */
  nameOf(userId: number, groupId?: number): string {
    if (groupId) {
      const card = this.group(groupId)?.members.find((member) => member.user_id === userId)?.card;
      if (card) return card;
    }
    return this.account(userId)?.nickname ?? String(userId);
  }
}

export const worldData = new WorldData();

/** Re-renders on every world reload; answers the store. */
export function useWorld(): WorldData {
  useSyncExternalStore(
    (callback) => worldData.subscribe(callback),
    () => worldData.version,
  );
  return worldData;
}

/** Whether two dependency lists differ (as React compares an effect's dependencies). */
const depsChanged = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length !== b.length || a.some((value, i) => !Object.is(value, b[i]));

/**
 * Loads something when mounted and again whenever one of `deps` changes (the values `load` reads,
 * compared like a hook's dependencies; the linter checks each call site's list, see
 * `additionalHooks` in eslint.config.js), with the `load` of the latest render. With `withWorld`
 * it also reloads whenever the world changes. `reload()` loads again now.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { withWorld?: boolean } = {},
): { data: T | undefined; error: string; reload: () => void; loading: boolean } {
  const worldVersion = useSyncExternalStore(
    (callback) => worldData.subscribe(callback),
    () => (options.withWorld ? worldData.version : 0),
  );
  const [state, setState] = useState<{ data: T | undefined; error: string; loading: boolean }>({
    data: undefined,
    error: '',
    loading: true,
  });
  // A new generation per change of `deps`, remembered from the previous render (React's pattern
  // for information from previous renders), so the effect below has fixed dependencies.
  const watched = [...deps, worldVersion];
  const [seen, setSeen] = useState({ watched, generation: 0 });
  if (depsChanged(seen.watched, watched)) setSeen({ watched, generation: seen.generation + 1 });
  const [tick, setTick] = useState(0);
  const run = useEffectEvent(load);
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => !cancelled && setState({ data, error: '', loading: false }),
      (error: unknown) => !cancelled && setState({ data: undefined, error: describeError(error), loading: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [seen.generation, tick]);
  return { ...state, reload: () => setTick((value) => value + 1) };
}
