import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

/**
 * The admin API's creates checked for an existing account or group before the unit that creates
 * it: two at once both passed, and the second (applied as a world file, which updates what
 * exists) overwrote the first and answered 201 too.
 */
describe('creating the same account or group twice at once', () => {
  it('creates the account once; the other create is 409 and changes nothing', async () => {
    const answers = await Promise.all(
      ['First', 'Second'].map((nickname) => env.admin('POST', '/api/world/accounts', { user_id: 20020, nickname })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const created = answers.find((answer) => answer.status === 201)!;
    expect((await env.admin('GET', '/api/world/accounts/20020')).json.nickname).toBe(created.json.nickname);
  });

  it('creates the group once; the other create is 409 and changes nothing', async () => {
    const answers = await Promise.all(
      ['First', 'Second'].map((group_name) => env.admin('POST', '/api/world/groups', { group_id: 30060, group_name, owner_id: 20002 })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const created = answers.find((answer) => answer.status === 201)!;
    const groups = (await env.admin('GET', '/api/world/groups')).json as { group_id: number; group_name: string }[];
    expect(groups.find((group) => group.group_id === 30060)?.group_name).toBe(created.json.group_name);
  });
});
