import { useSyncExternalStore } from 'react';
import type { TranscriptEntryView } from '@contract';
import { api, describeError } from '../api/client';
import { live } from '../api/live';

/** Entries kept in the page; older ones scroll away (the server keeps 10,000). */
const keep = 1000;
/** A position past every entry: the transcript then answers no entries, only its head. */
const beyondHead = Number.MAX_SAFE_INTEGER;

interface TranscriptState {
  readonly entries: readonly TranscriptEntryView[];
  readonly error: string;
}

/**
 * The transcript, live: the latest entries when the Timeline first opens, then every new one from
 * the live socket's `transcript` stream. After a reconnect, or frames the socket dropped for a slow
 * page, what was missed is read from `GET /api/world/transcript` since the last entry held.
 */
class TranscriptStore {
  #state: TranscriptState = { entries: [], error: '' };
  /** The last entry read (a catch-up starts after it); kept when the view is cleared. */
  #lastSeq: number | undefined;
  /** Entries up to this one were cleared from the view and are not taken again. */
  #clearedUpTo = 0;
  #listeners = new Set<() => void>();
  #started = false;

  get state(): TranscriptState {
    return this.#state;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    live.subscribe((frame) => {
      if (frame.type === 'transcript') this.#merge([frame.entry]);
      else if (frame.type === 'dropped') void this.#catchUp();
    });
    live.onReconnect(() => void this.#catchUp());
    void this.#catchUp();
  }

  /** Empties the view (the server's transcript is untouched). */
  clear(): void {
    this.#clearedUpTo = this.#lastSeq ?? 0;
    this.#set({ entries: [] });
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #catchUp(): Promise<void> {
    try {
      let since = this.#lastSeq;
      if (since === undefined) {
        const { head } = await api('GET /api/world/transcript', { query: { since: beyondHead } });
        since = Math.max(0, Number(head) - keep);
      }
      this.#merge((await api('GET /api/world/transcript', { query: { since } })).entries);
      if (this.#state.error) this.#set({ error: '' });
    } catch (error) {
      this.#set({ error: describeError(error) });
    }
  }

  /**
   * Adds entries in seq order, each once: live frames arrive in order, but the first read may
   * answer after the first frames, and a catch-up may overlap frames already held.
   */
  #merge(more: readonly TranscriptEntryView[]): void {
    const held = this.#state.entries;
    const last = held.at(-1)?.seq ?? this.#clearedUpTo;
    const fresh = more.filter((entry) => entry.seq > this.#clearedUpTo);
    if (fresh.length === 0) return;
    const merged = fresh.every((entry) => entry.seq > last)
      ? [...held, ...fresh]
      : [...new Map([...held, ...fresh].map((entry) => [entry.seq, entry])).values()].sort((a, b) => a.seq - b.seq);
    this.#lastSeq = merged.at(-1)!.seq;
    this.#set({ entries: merged.length > keep ? merged.slice(merged.length - keep) : merged });
  }

  #set(change: Partial<TranscriptState>): void {
    this.#state = { ...this.#state, ...change };
    this.#listeners.forEach((listener) => listener());
  }
}

export const transcriptStore = new TranscriptStore();

/** The entries held and the last read's failure, re-rendering on every change. */
export function useTranscript(): TranscriptState {
  transcriptStore.start();
  return useSyncExternalStore(
    (callback) => transcriptStore.subscribe(callback),
    () => transcriptStore.state,
  );
}
