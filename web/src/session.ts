import { useSyncExternalStore } from 'react';

/**
 * The account the console acts as in the chat view ("logged in as" in QQ terms). Kept per
 * browser; any account can be picked at any time.
 */
const key = 'catnap.actingAs';
let actingAs = Number(localStorage.getItem(key)) || 0;
const listeners = new Set<() => void>();

export function setActingAs(userId: number): void {
  actingAs = userId;
  localStorage.setItem(key, String(userId));
  listeners.forEach((listener) => listener());
}

export function getActingAs(): number {
  return actingAs;
}

export function useActingAs(): number {
  return useSyncExternalStore(
    (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    () => actingAs,
  );
}

const pickerListeners = new Set<() => void>();

/** Opens the "act as" picker (the avatar at the top left does the same). */
export function openAccountPicker(): void {
  pickerListeners.forEach((listener) => listener());
}

export function onOpenAccountPicker(listener: () => void): () => void {
  pickerListeners.add(listener);
  return () => pickerListeners.delete(listener);
}
