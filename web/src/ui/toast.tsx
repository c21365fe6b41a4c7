import { useSyncExternalStore } from 'react';
import { describeError } from '../api/client';

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

/** Shows a short message at the top of the window (errors stay longer). */
export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const id = next++;
  toasts = [...toasts, { id, text, kind }];
  emit();
  setTimeout(
    () => {
      toasts = toasts.filter((entry) => entry.id !== id);
      emit();
    },
    kind === 'error' ? 6000 : 2500,
  );
}

/** Shows what failed as `describeError` words it (the server's reason, status and code). */
export function toastError(error: unknown): void {
  toast(describeError(error), 'error');
}

export function Toasts() {
  const list = useSyncExternalStore(
    (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    () => toasts,
  );
  return (
    <div className="toasts">
      {list.map((entry) => (
        <div key={entry.id} className={`toast toast-${entry.kind}`} role={entry.kind === 'error' ? 'alert' : 'status'}>
          {entry.text}
        </div>
      ))}
    </div>
  );
}
