import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

/** What a client sees of the world: accounts and groups with their members. */
async function worldView() {
  return { accounts: (await env.admin('GET', '/api/world/accounts')).json, groups: (await env.admin('GET', '/api/world/groups')).json };
}

describe('POST /api/world/apply: all or nothing', () => {
  it('refuses a file that breaks any rule with every problem, and leaves the world exactly as it was', async () => {
    const before = await worldView();
    const members = Array.from({ length: 3001 }, (_, i) => 500000 + i);
    const file = {
      accounts: [{ user_id: 20001, nickname: 'Renamed' }, ...members.map((uin) => ({ user_id: uin, nickname: `P${uin}` }))],
      friends: [{ user_id: 500000, friend_id: 20001 }],
      groups: [
        { group_id: 30001, group_name: 'Renamed lounge', owner_id: 20002 },
        { group_id: 40001, group_name: 'Too big', owner_id: 20001, members },
      ],
    };
    const bad = await env.admin('POST', '/api/world/apply', file);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'WORLD_FILE_INVALID',
      problems: ["groups.1: group 40001 would have 3002 members; QQ's largest groups hold 3000"],
    });
    expect(await worldView()).toEqual(before);
  });

  it('refuses a file whose bot config is bad before applying any of it', async () => {
    const before = await worldView();
    const file = {
      accounts: [{ user_id: 10050, nickname: 'New bot', bot: true, onebot: { network: { httpServers: [{ name: 'a', port: 'x' }] } } }],
      groups: [{ group_id: 30001, group_name: 'Renamed', owner_id: 20001 }],
    };
    const bad = await env.admin('POST', '/api/world/apply', file);
    expect(bad.status).toBe(400);
    expect(bad.json.error.problems).toHaveLength(1);
    expect(bad.json.error.problems[0]).toMatch(/^accounts\.0\.onebot: network\.httpServers\.0\.port/);
    expect(await worldView()).toEqual(before);
  });

  it("the console's import (the file's text, YAML or JSON) refuses the same way, and applies a good file with QQ's tiers", async () => {
    const before = await worldView();
    const members = Array.from({ length: 599 }, (_, i) => 600000 + i);
    const accounts = members.map((uin) => `  - { user_id: ${uin}, nickname: P${uin} }`).join('\n');
    const yaml = (owner: number) =>
      `accounts:\n${accounts}\ngroups:\n  - { group_id: 40600, group_name: Six hundred, owner_id: ${owner}, members: [${members.join(', ')}] }\n`;
    const bad = await env.admin('POST', '/api/world/apply', yaml(29999), { 'content-type': 'application/yaml' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.problems).toEqual(['groups.0.owner_id: 29999 is not an account (add it to "accounts")']);
    expect(await worldView()).toEqual(before);
    const good = await env.admin('POST', '/api/world/apply', yaml(20001), { 'content-type': 'application/yaml' });
    expect(good.json).toMatchObject({ accounts_created: 599, groups_created: 1 });
    const group = (await env.admin('GET', '/api/world/groups')).json.find((g: { group_id: number }) => g.group_id === 40600);
    expect(group).toMatchObject({ member_count: 600, max_member_count: 1000 });
  });
});
