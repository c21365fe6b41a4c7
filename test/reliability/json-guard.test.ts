import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonProblem, findJsonProblem } from '../../src/util/json-guard.js';

describe('findJsonProblem', () => {
  it('names the path of a forbidden key through objects and array items', () => {
    const params = JSON.parse('{"message": [{"type": "text"}, {"type": "at", "data": {"qq": 1, "constructor": {}}}]}') as unknown;
    const problem = findJsonProblem(params, 32);
    expect(problem).toEqual({ kind: 'key', key: 'constructor', path: 'message.1.data.constructor' });
    expect(describeJsonProblem(problem!, 'params')).toBe('params.message.1.data.constructor: the key "constructor" is not allowed');
  });

  it('refuses a value one level deeper than the limit, and accepts one at it', () => {
    const nested = (depth: number): unknown => (depth === 1 ? [] : [nested(depth - 1)]);
    expect(findJsonProblem(nested(4), 4)).toBeUndefined();
    expect(findJsonProblem(nested(5), 4)).toEqual({ kind: 'depth', limit: 4 });
  });

  it('finds a forbidden key at the top level, and nothing in clean or scalar values', () => {
    expect(findJsonProblem(JSON.parse('{"__proto__": 1}'), 32)).toEqual({ kind: 'key', key: '__proto__', path: '__proto__' });
    expect(findJsonProblem({ group_id: 1, message: [{ type: 'text', data: { text: 'hi' } }] }, 32)).toBeUndefined();
    expect(findJsonProblem('text', 32)).toBeUndefined();
  });

  it('starts every check afresh after one that stopped at a problem halfway', () => {
    // The walk stops inside the last item, with the first (deep, and holding a forbidden key) still to look at.
    const stopped = JSON.parse('[[[[[[{"prototype": 1}]]]]], {"a": [[[[1]]]]}]') as unknown;
    expect(findJsonProblem(stopped, 3)).toEqual({ kind: 'depth', limit: 3 });
    expect(findJsonProblem({ group_id: 1, message: [] }, 2)).toBeUndefined();
    expect(findJsonProblem(JSON.parse('[{"x": {"prototype": 1}}, [[[]]]]'), 32)).toEqual({
      kind: 'key',
      key: 'prototype',
      path: '0.x.prototype',
    });
    expect(findJsonProblem({ group_id: 1 }, 32)).toBeUndefined();
  });

  it('finds a problem exactly when the value is too deep or holds a forbidden key, and names where', () => {
    const depthOf = (value: unknown): number =>
      value === null || typeof value !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf));
    const hasForbidden = (value: unknown): boolean =>
      value !== null &&
      typeof value === 'object' &&
      Object.entries(value).some(
        ([key, item]) => (!Array.isArray(value) && ['__proto__', 'constructor', 'prototype'].includes(key)) || hasForbidden(item),
      );
    const key = fc.constantFrom('a', 'b', 'text', '__proto__', 'constructor', 'prototype');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc
        .array(fc.tuple(key, tie('value')), { maxLength: 3 })
        .map((entries) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`) as unknown),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 1, max: 6 }), (value, limit) => {
        const problem = findJsonProblem(value, limit);
        expect(problem === undefined).toBe(depthOf(value) <= limit && !hasForbidden(value));
        if (problem?.kind === 'key') {
          let at: unknown = value;
          for (const step of problem.path.split('.').slice(0, -1)) at = (at as Record<string, unknown>)[step];
          expect(Object.hasOwn(at as object, problem.key)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
