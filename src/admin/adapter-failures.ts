import { AdminError } from './admin-errors.js';
import type { AdapterFailure } from './admin-route.js';

/** `name: why; name: why`: the adapters a saved config could not start. */
export function describeAdapterFailures(failed: readonly AdapterFailure[]): string {
  return failed.map((failure) => `${failure.adapter}: ${failure.message}`).join('; ');
}

/**
 * 409 ADAPTER_FAILED when a saved config left adapters that could not start (a port in use):
 * the config is not refused (it is saved and stays), so the caller must not read it as a 400.
 */
export function throwIfAdaptersFailed(failed: readonly AdapterFailure[]): void {
  if (failed.length > 0) throw new AdminError(409, 'ADAPTER_FAILED', `the config was saved, but: ${describeAdapterFailures(failed)}`);
}
