import type { ApplyResult } from './network-manager.js';

/**
 * A config was saved and applied, but some of its adapters could not start (a port in use). The
 * config stays saved, so callers tell this apart from a refusal: see `failures`.
 */
export class AdaptersFailedError extends Error {
  override readonly name = 'AdaptersFailedError';
  constructor(readonly failures: ApplyResult['errors']) {
    super(failures.map((failure) => `${failure.adapter}: ${failure.message}`).join('; '));
  }
}
