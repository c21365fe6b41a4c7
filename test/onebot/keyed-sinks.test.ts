import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedSinks } from '../../src/util/keyed-sinks.js';

describe('KeyedSinks.among', () => {
  it('finds exactly the subscribed accounts of an audience, in its order, however many listen', () => {
    const account = fc.integer({ min: 1, max: 60 });
    fc.assert(
      fc.property(fc.uniqueArray(account, { maxLength: 60 }), fc.uniqueArray(account, { maxLength: 60 }), (audience, listening) => {
        const sinks = new KeyedSinks<number>();
        for (const key of listening) sinks.add(key, () => undefined);
        expect(sinks.among(audience)).toEqual(audience.filter((key) => listening.includes(key)));
      }),
    );
  });

  it('forgets an account once its last subscriber leaves', () => {
    const sinks = new KeyedSinks<number>();
    const off = sinks.add(7, () => undefined);
    expect(sinks.among(Array.from({ length: 100 }, (_, i) => i))).toEqual([7]);
    off();
    expect(sinks.among([7])).toEqual([]);
  });
});
