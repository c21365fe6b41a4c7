import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { actionResults } from '../../src/contract/onebot/results.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import { allActions } from '../../src/onebot/actions/index.js';
import { checkerOf, resultProblems } from '../helpers/contract.js';
import { onebotWorld } from '../helpers/onebot.js';

describe('action result schemas', () => {
  it('every action declares one, and it compiles', () => {
    for (const spec of allActions) {
      expect(spec.result, spec.name).toBeDefined();
      expect(() => checkerOf(spec.result), spec.name).not.toThrow();
    }
  });

  it("answers the contract's schema for every action the contract names (what the console's act() is typed by)", () => {
    const table = new ActionTable(allActions);
    for (const [name, schema] of Object.entries(actionResults)) expect(table.resolve(name)?.spec.result, name).toBe(schema);
  });

  it('a handler answering the wrong shape is caught: a renamed, a missing or an undocumented field', async () => {
    const { dispatcher, call } = await onebotWorld();
    const answers: unknown[] = [{ userId: 20001 }, {}, { user_id: 20001, extra: true }];
    dispatcher.table.register({
      name: 'test_wrong_shape',
      origin: 'catnap',
      summary: 'answers whatever the test says',
      params: Type.Object({}),
      result: Type.Object({ user_id: Type.Integer() }),
      handler: () => answers.shift(),
    });
    await expect(call(10001, 'test_wrong_shape')).rejects.toThrow(/user_id: Expected required property/);
    await expect(call(10001, 'test_wrong_shape')).rejects.toThrow(/user_id: Expected required property/);
    await expect(call(10001, 'test_wrong_shape')).rejects.toThrow(/extra: unknown key/);
    expect(resultProblems(dispatcher, 'test_wrong_shape', { user_id: 20001 })).toEqual([]);
  });
});
