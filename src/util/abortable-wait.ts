/**
 * Resolves after `ms` (never, for Infinity), or as soon as `signal` aborts; never rejects. Faults
 * hold calls and event POSTs with it, and a closing server must be able to let them all go.
 */
export function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
