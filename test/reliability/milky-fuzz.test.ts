import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milkyProtocolErrors, milkyWorldErrors } from '../../src/milky/error-catalogue.js';
import { milkyWorld, expectSpecReply } from '../helpers/milky.js';
import { worldDigest } from '../helpers/messages.js';
import { fuzzInput } from './zod-arbitrary.js';

const documented = new Set<number>([0, milkyProtocolErrors.BAD_INPUT.retcode, ...Object.values(milkyWorldErrors)]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Every Milky API under input derived from the spec's own zod schemas, mostly broken: the reply
 * is always the spec's envelope with a documented retcode (never -500), a success matches the
 * spec's response schema, and a failure changes nothing in the world.
 */
describe('every Milky API under fuzzed input', () => {
  it('answers ok or a documented failure, never crashes, and changes nothing when it fails', async () => {
    const m = await milkyWorld();
    for (const api of m.dispatcher.apis()) {
      await fc.assert(
        fc.asyncProperty(fuzzInput(api.input), fc.constantFrom(10001, 20002), async (input, selfId) => {
          const before = worldDigest(m.world);
          // Frozen all the way down: a handler that changed its input would throw here.
          const reply = await m.dispatcher.call(selfId, api.name, deepFreeze(input));
          expectSpecReply(api.name, reply);
          if (!documented.has(reply!.retcode)) {
            const message = reply!.status === 'failed' ? reply!.message : '';
            throw new Error(`${api.name}(${JSON.stringify(input).slice(0, 300)}) answered retcode ${reply!.retcode}: ${message}`);
          }
          // Input the spec's schema refuses gets the spec's -400, whatever else is wrong with it.
          const refused =
            typeof input !== 'object' || input === null || Array.isArray(input) || (api.input && !api.input.safeParse(input).success);
          if (refused)
            expect(reply!.retcode, `${api.name}(${JSON.stringify(input).slice(0, 200)})`).toBe(milkyProtocolErrors.BAD_INPUT.retcode);
          if (reply!.status === 'failed') {
            expect(worldDigest(m.world), `${api.name} failed but changed the world: ${reply!.message}`).toBe(before);
          }
          expect(Object.prototype).not.toHaveProperty('polluted');
        }),
        { numRuns: 20, seed: 20261203 },
      );
    }
  }, 120_000);
});
