import { waitFor } from '../../util/abortable-wait.js';
import type { FaultEffect } from './fault-model.js';

/** A call a fault hits, as its transport gave it: when its caller goes (or Catnap stops), and how to cut it. */
export interface FaultedCall {
  /** Aborts when the caller gives up or Catnap stops: a held call stops waiting. */
  readonly signal: AbortSignal;
  /** Closes the connection the call came on (the `disconnect` effect). */
  readonly disconnect?: () => void;
}

/** What a protocol answers in place of the call, for each effect that stands in for it. */
export interface FaultStandIns<R> {
  /** `fail`: the protocol's failure, after the effect's delay. */
  readonly failed: () => R;
  /** `no_reply`, once the call was let go (its caller gave up, or Catnap stopped). */
  readonly noReply: () => R;
  /** `disconnect`, once the connection is cut. */
  readonly disconnected: () => R;
}

/**
 * Runs one call under a fault's effect, the same way for every protocol, so a rule means the same
 * to a OneBot bot and a Milky bot. The world changes only where the effect says the call
 * happened: `delay` runs it late; `happened: true` runs it at once although the answer says
 * otherwise (a send that went out whose reply never came); otherwise a stand-in answers and
 * nothing changes.
 */
export async function runUnderFault<R>(
  effect: FaultEffect,
  run: () => Promise<R>,
  call: FaultedCall,
  standIns: FaultStandIns<R>,
): Promise<R> {
  if (effect.type === 'delay') {
    await waitFor(effect.delay_ms, call.signal);
    return run();
  }
  const ran = effect.happened === true ? run() : undefined;
  ran?.catch(() => undefined);
  switch (effect.type) {
    case 'fail':
      await waitFor(effect.delay_ms ?? 0, call.signal);
      await ran;
      return standIns.failed();
    case 'no_reply':
      // A hung implementation: nothing comes back until the call is let go.
      await waitFor(Number.POSITIVE_INFINITY, call.signal);
      return standIns.noReply();
    case 'disconnect':
      await ran;
      call.disconnect?.();
      return standIns.disconnected();
  }
}

/**
 * An event POST under a fault's effect, the same for OneBot's HTTP POST targets and Milky's
 * WebHooks: waits the effect's delay, then says whether the event still goes out (`delay`: late;
 * every other effect: never, after its own delay for `fail`).
 */
export async function eventGoesOut(effect: FaultEffect, signal: AbortSignal): Promise<boolean> {
  const wait = effect.type === 'delay' || effect.type === 'fail' ? (effect.delay_ms ?? 0) : 0;
  if (wait > 0) await waitFor(wait, signal);
  return effect.type === 'delay';
}
