import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorldFile } from '../../src/app/world-validation.js';
import { startCatnap } from '../helpers/catnap.js';
import { onebotWorld } from '../helpers/onebot.js';

const largest = Number.MAX_SAFE_INTEGER; // 2^53 - 1

/** The seed document's own examples (group 84, user 74) beside the largest ids JavaScript holds exactly. */
const fixture = {
  accounts: [
    { user_id: 74, nickname: 'Seventy-four' },
    { user_id: 1, nickname: 'One', bot: true },
    { user_id: largest, nickname: 'Largest' },
  ],
  friends: [{ user_id: 74, friend_id: largest }],
  groups: [
    { group_id: 84, group_name: 'Eighty-four', owner_id: 74, members: [1, largest] },
    { group_id: largest - 1, group_name: 'Huge', owner_id: largest, members: [74] },
  ],
};

describe('ids are any positive integer up to 2^53 - 1', () => {
  it('in a world file, and through the OneBot actions that name them', async () => {
    expect(validateWorldFile(fixture)).toEqual([]);
    const { data, call } = await onebotWorld(fixture);
    expect(await data(1, 'get_group_info', { group_id: 84 })).toMatchObject({ group_id: 84, member_count: 3 });
    const sent = await data(74, 'send_group_msg', { group_id: 84, message: 'hi' });
    expect((await data(1, 'get_msg', { message_id: sent.message_id })).sender).toMatchObject({ user_id: 74 });
    // Decimal strings up to 2^53 - 1 are the same ids.
    expect(await data(largest, 'get_group_info', { group_id: String(largest - 1) })).toMatchObject({ group_id: largest - 1 });
    expect((await data(74, 'get_friend_list')).map((friend: { user_id: number }) => friend.user_id)).toEqual([largest]);
    expect(await data(largest, 'send_private_msg', { user_id: 74, message: 'hello' })).toMatchObject({ message_id: expect.any(Number) });
    // Past 2^53 - 1 (or not positive) a number no longer names one id: refused, naming the field.
    for (const bad of [largest + 1, '9007199254740993', 0, -84]) {
      const envelope = await call(1, 'get_group_info', { group_id: bad });
      expect(envelope).toMatchObject({ status: 'failed', retcode: 1400 });
      expect(envelope.message).toContain('group_id');
    }
  });

  it('refuses ids outside the range in a world file, naming them', () => {
    const problems = validateWorldFile({
      accounts: [
        { user_id: 0, nickname: 'Zero' },
        { user_id: largest + 1, nickname: 'Too big' },
      ],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^accounts\.0\.user_id: /);
    expect(problems[1]).toMatch(/^accounts\.1\.user_id: /);
  });
});

describe('ids in the admin API', () => {
  let env: Awaited<ReturnType<typeof startCatnap>>;
  beforeAll(async () => {
    env = await startCatnap({ accounts: [{ user_id: 74, nickname: 'Seventy-four' }] });
  });
  afterAll(async () => env.catnap.stop());

  it('creates and reads accounts and groups with small and largest ids, and refuses ids out of range', async () => {
    const { admin } = env;
    expect((await admin('POST', '/api/world/accounts', { user_id: largest, nickname: 'Largest' })).status).toBe(201);
    expect((await admin('GET', `/api/world/accounts/${largest}`)).json).toMatchObject({ user_id: largest });
    const group = await admin('POST', '/api/world/groups', { group_id: 84, group_name: 'Eighty-four', owner_id: 74 });
    expect(group.status).toBe(201);
    const added = await admin('POST', '/api/world/groups/84/members', { user_id: largest });
    expect(added.status).toBe(201);
    const groups = (await admin('GET', '/api/world/groups')).json;
    expect(groups.find((g: { group_id: number }) => g.group_id === 84)).toMatchObject({ member_count: 2 });
    expect((await admin('PATCH', '/api/world/groups/84', { owner_id: largest })).json).toMatchObject({ owner_id: largest });
    expect((await admin('POST', '/api/world/accounts', { user_id: largest + 1, nickname: 'Too big' })).status).toBe(400);
    expect((await admin('POST', '/api/world/accounts', { user_id: 0, nickname: 'Zero' })).status).toBe(400);
    expect((await admin('GET', `/api/world/accounts/${largest + 1}`)).status).toBe(400);
  });
});
