import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveFrame, livePath as contractLivePath } from '@contract';
import { api, savedToken } from './client';

export type { AdapterStatus, CallFrame, FaultFrame, LiveFrame, OneBotEvent } from '@contract';

export type LiveState = 'connecting' | 'open' | 'closed';

type Listener = (frame: LiveFrame) => void;

/** The live socket's path (the contract's `livePath`; a type-only import cannot bring the value). */
const livePath: typeof contractLivePath = '/api/live';

/**
 * The one live connection of the page. It reconnects with backoff (Catnap restarting, a laptop
 * waking up) and tells listeners when it reconnects, so views can refetch what they missed.
 */
class LiveConnection {
  #ws: WebSocket | undefined;
  #state: LiveState = 'closed';
  #listeners = new Set<Listener>();
  #stateListeners = new Set<() => void>();
  #reconnectListeners = new Set<() => void>();
  #retry = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wanted = false;
  #everOpened = false;

  get state(): LiveState {
    return this.#state;
  }

  start(): void {
    this.#wanted = true;
    if (!this.#ws) this.#connect();
  }

  stop(): void {
    this.#wanted = false;
    clearTimeout(this.#timer);
    this.#ws?.close();
    this.#ws = undefined;
    this.#setState('closed');
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onState(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  #connect(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}${livePath}?token=${encodeURIComponent(savedToken())}`);
    this.#ws = ws;
    this.#setState('connecting');
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.#retry = 0;
      this.#setState('open');
      if (this.#everOpened) this.#reconnectListeners.forEach((listener) => listener());
      this.#everOpened = true;
    };
    ws.onmessage = (message) => {
      let frame: LiveFrame;
      try {
        frame = JSON.parse(String(message.data)) as LiveFrame;
      } catch {
        return;
      }
      for (const listener of this.#listeners) {
        try {
          listener(frame);
        } catch (error) {
          console.error('live listener failed', error);
        }
      }
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      this.#setState('closed');
      if (!this.#wanted) return;
      // A browser never says why an upgrade was refused: a Catnap restarted with another token
      // would be retried forever with the page none the wiser. One token-checked call asks; its
      // refusal logs out (the client's onUnauthorized), and anything else just waits for the retry.
      if (!opened) api('GET /api/clock').catch(() => undefined);
      const delay = Math.min(10000, 300 * 2 ** this.#retry++);
      this.#timer = setTimeout(() => this.#connect(), delay);
    };
  }

  #setState(state: LiveState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#stateListeners.forEach((listener) => listener());
  }
}

export const live = new LiveConnection();

/** Calls `handler` for every frame while the component is mounted (always the latest handler). */
export function useLiveFrames(handler: Listener): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live.subscribe((frame) => ref.current(frame)), []);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (callback) => live.onState(callback),
    () => live.state,
  );
}
