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
});
