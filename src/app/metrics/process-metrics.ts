import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * Node's process metrics (CPU, memory, event loop lag, GC). They describe the process, not one
 * Catnap, and collecting them starts process-wide monitors that cannot be stopped, so they live
 * in one registry per process, made on first use; each Catnap's own registry is separate.
 */
export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
