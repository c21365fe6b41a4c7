import type { LoadOptions } from './load-options.js';

/**
 * How many messages a run should have sent `elapsedMs` after its first send: the warm-up at the
 * rate the run starts at (the full rate, or a tenth of it with `ramp`), then the duration at
 * the full rate or climbing linearly to it. The generator sends whatever falls due each turn, so
 * a late turn catches up rather than lowering the rate.
 */
export function messagesDueBy(options: Pick<LoadOptions, 'rate' | 'ramp' | 'warmUpMs' | 'durationMs'>, elapsedMs: number): number {
  const from = options.ramp ? options.rate / 10 : options.rate;
  const warmUpS = options.warmUpMs / 1000;
  const durationS = options.durationMs / 1000;
  const t = Math.min(elapsedMs / 1000, warmUpS + durationS);
  const run = Math.max(0, t - warmUpS);
  return Math.floor(from * t + ((options.rate - from) * run * run) / (2 * durationS));
}
