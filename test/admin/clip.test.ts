import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/admin/live/clip.js';

/** What a clipped value must equal: a plain copy of everything, clipped (clip shares what it need not copy). */
function model(value: unknown, maxString: number, maxItems: number, maxDepth: number, depth = 0): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}… (${value.length} characters)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return Array.isArray(value) ? `[array of ${value.length}]` : '[object]';
  if (Array.isArray(value)) {
    const items = value.slice(0, maxItems).map((item) => model(item, maxString, maxItems, maxDepth, depth + 1));
    if (value.length > maxItems) items.push(`… ${value.length - maxItems} more`);
    return items;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, model(item, maxString, maxItems, maxDepth, depth + 1)]));
}

describe('clip', () => {
  it('equals a clipped copy, and never changes the value it was given', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (value, maxString, maxItems, maxDepth) => {
          const before = JSON.stringify(value);
          expect(JSON.stringify(clip(value, maxString, maxItems, maxDepth))).toBe(
            JSON.stringify(model(value, maxString, maxItems, maxDepth)),
          );
          expect(JSON.stringify(value)).toBe(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives back the value itself when nothing in it needs clipping', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(clip(value)).toBe(value);
      }),
    );
  });

  it('copies only the path to what it clipped, and shares the rest', () => {
    const untouched = { group_id: 1, tags: ['a', 'b'] };
    const params = { keep: untouched, message: [{ type: 'image', data: { file: `base64://${'A'.repeat(3000)}` } }] };
    const clipped = clip(params) as typeof params;
    expect(clipped).not.toBe(params);
    expect(clipped.keep).toBe(untouched);
    expect(clipped.message[0]!.data.file).toBe(`base64://${'A'.repeat(1991)}… (3009 characters)`);
    expect(params.message[0]!.data.file).toHaveLength(3009);
    expect(Object.keys(clipped)).toEqual(['keep', 'message']);
  });

  it('keeps a "__proto__" key as a key of the copy, not as its prototype', () => {
    const params = JSON.parse(`{"__proto__": {"polluted": true}, "text": "${'x'.repeat(30)}"}`) as Record<string, unknown>;
    const clipped = clip(params, 10) as Record<string, unknown>;
    expect(Object.getPrototypeOf(clipped)).toBe(Object.prototype);
    expect(Object.hasOwn(clipped, '__proto__')).toBe(true);
    expect((clipped as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(clipped))).toEqual(
      JSON.parse(`{"__proto__": {"polluted": true}, "text": "xxxxxxxxxx… (30 characters)"}`),
    );
  });
});
