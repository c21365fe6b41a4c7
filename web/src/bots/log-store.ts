import { useSyncExternalStore } from 'react';
import { live, type CallFrame, type FaultFrame, type OneBotEvent } from '../api/live';

export type LogEntry =
  | { id: number; kind: 'call'; time: number; selfId: number; call: CallFrame }
  | { id: number; kind: 'event'; time: number; selfId: number; event: OneBotEvent }
  /** A fault rule hit one of the account's calls (or events to its HTTP POST targets). */
  | { id: number; kind: 'fault'; time: number; selfId: number; fault: FaultFrame };

const keep = 500;

/**
 * The last API calls, OneBot events and fired faults of every account, kept from the moment the console
 * connects, so opening a bot's dashboard shows what just happened.
 */
class LogStore {
  #entries = new Map<number, LogEntry[]>();
  #listeners = new Set<() => void>();
  #next = 1;
  #started = false;
  #version = 0;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (frame.type === 'call')
        this.#push({ id: this.#next++, kind: 'call', time: frame.call.time, selfId: frame.call.self_id, call: frame.call });
      else if (frame.type === 'onebot')
        this.#push({ id: this.#next++, kind: 'event', time: frame.time, selfId: frame.self_id, event: frame.event });
      else if (frame.type === 'fault')
        this.#push({ id: this.#next++, kind: 'fault', time: frame.fault.time, selfId: frame.fault.self_id, fault: frame.fault });
    });
  }

  entries(selfId: number): LogEntry[] {
    return this.#entries.get(selfId) ?? [];
  }

  clear(selfId: number): void {
    this.#entries.set(selfId, []);
    this.#emit();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get version(): number {
    return this.#version;
  }

  #push(entry: LogEntry): void {
    const list = this.#entries.get(entry.selfId) ?? [];
    const next = list.length >= keep ? [...list.slice(list.length - keep + 1), entry] : [...list, entry];
    this.#entries.set(entry.selfId, next);
    this.#emit();
  }

  #emit(): void {
    this.#version++;
    this.#listeners.forEach((listener) => listener());
  }
}

export const logStore = new LogStore();

export function useLog(selfId: number): LogEntry[] {
  logStore.start();
  useSyncExternalStore(
    (callback) => logStore.subscribe(callback),
    () => logStore.version,
  );
  return logStore.entries(selfId);
}
