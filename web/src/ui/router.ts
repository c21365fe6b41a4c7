import { useSyncExternalStore } from 'react';

/**
 * A tiny History-API router: the console's pages are `/chat`, `/chat/g/30001`, `/world`,
 * `/bots/10001`, `/playground`; the server answers index.html for all of them.
 */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

export function usePath(): string {
  return useSyncExternalStore(
    (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    () => window.location.pathname,
  );
}
