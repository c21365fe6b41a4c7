import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protocolErrors, worldErrors } from '../../src/onebot/error-catalogue.js';
import { watchActionResults } from '../helpers/contract.js';
import { worldDigest } from '../helpers/messages.js';
import { onebotWorld } from '../helpers/onebot.js';
import { fuzzParams } from './schema-arbitrary.js';

const documented = new Set<number>([
  0,
  1,
  ...Object.values(protocolErrors).map((e) => e.retcode),
  ...Object.values(worldErrors).map((e) => e.retcode),
]);
documented.delete(protocolErrors.INTERNAL.retcode);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Actions whose success depends on the outside world or the process; fuzzed for failures only. */
const skip = new Set(['set_restart', 'bot_exit']);

describe('every action under fuzzed params', () => {
  // About 25 s on a quiet 2-core machine for 230 actions; the bound is for a machine under load.
  it('answers ok (with data its result schema allows) or a documented failure, never crashes, and changes nothing when it fails', async () => {
    const ob = await onebotWorld();
    // ob.call checks each successful reply against the action's result schema; count them here.
    const results = watchActionResults(ob.dispatcher);
    const specs = ob.dispatcher.table.specs().filter((spec) => !skip.has(spec.name));
    for (const spec of specs) {
      await fc.assert(
        fc.asyncProperty(fuzzParams(spec.params), fc.constantFrom(10001, 20002), async (params, selfId) => {
          const before = worldDigest(ob.world);
          // Frozen all the way down: a handler that changes its params would throw here.
          const envelope = await ob.call(selfId, spec.name, deepFreeze(params), { echo: 'fuzz' });
          expect(envelope.echo).toBe('fuzz');
          expect(['ok', 'failed', 'async']).toContain(envelope.status);
          if (!documented.has(envelope.retcode))
            throw new Error(
              `${spec.name}(${JSON.stringify(params).slice(0, 300)}) answered retcode ${envelope.retcode}: ${envelope.message}`,
            );
          if (envelope.status === 'failed') {
            // A stream action's failure may carry NapCat's error packet (params refused over HTTP do
            // not); every other failure has data null.
            if (spec.stream && envelope.data !== null) expect(envelope.data).toEqual({ type: 'error', data_type: 'error' });
            else expect(envelope.data).toBeNull();
            expect(worldDigest(ob.world), `${spec.name} failed but changed the world: ${envelope.message}`).toBe(before);
          }
          expect(Object.prototype).not.toHaveProperty('polluted');
        }),
        { numRuns: 25, seed: 20261127 },
      );
    }
    await ob.dispatcher.idle();
    expect(results.problems()).toEqual([]);
    // Most actions succeed for some fuzzed input, so the schemas are exercised, not just present.
    expect(results.checked()).toBeGreaterThan(500);
  }, 300_000);
});
