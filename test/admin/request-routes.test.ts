import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

describe('raising requests from the console', () => {
  it('raises a friend request the target answers with set_friend_add_request', async () => {
    const { admin } = env;
    const raised = await admin('POST', '/api/world/requests/friend', { user_id: 20003, target_id: 10001, comment: 'hi' });
    expect(raised.status).toBe(201);
    expect(raised.json).toMatchObject({
      kind: 'friend',
      user_id: 20003,
      target_id: 10001,
      comment: 'hi',
      status: 'pending',
      answerers: [10001],
    });
    const pending = (await admin('GET', '/api/world/requests')).json;
    expect(pending.map((entry: any) => entry.flag)).toContain(raised.json.flag);
    const answer = await admin('POST', '/api/world/act/10001/set_friend_add_request', { flag: raised.json.flag, approve: true });
    expect(answer.json.status).toBe('ok');
    expect((await admin('GET', '/api/world/requests')).json.map((entry: any) => entry.flag)).not.toContain(raised.json.flag);
    expect((await admin('GET', '/api/world/requests?status=approved')).json[0]).toMatchObject({
      flag: raised.json.flag,
      actor_id: 10001,
      answerers: [],
    });
    expect((await admin('GET', '/api/world/accounts/10001')).json.friends.map((friend: any) => friend.user_id)).toContain(20003);
  });

  it('raises join requests that the owner and admins may answer, and invitations the invitee answers', async () => {
    const { admin } = env;
    const join = await admin('POST', '/api/world/requests/group', { user_id: 20002, group_id: 30002, comment: 'let me in' });
    expect(join.json).toMatchObject({ kind: 'join', group_id: 30002, status: 'pending', answerers: [10002] });
    const invite = await admin('POST', '/api/world/requests/invite', { user_id: 20001, group_id: 30001, invitee_id: 10002 });
    expect(invite.status).toBe(201);
    expect(invite.json).toMatchObject({ kind: 'invite', target_id: 10002 });
    expect((await admin('POST', '/api/world/act/10002/set_group_add_request', { flag: join.json.flag, approve: false })).json.status).toBe(
      'ok',
    );
    expect(
      (await admin('GET', '/api/world/groups')).json.find((group: any) => group.group_id === 30002).members.map((m: any) => m.user_id),
    ).not.toContain(20002);
  });

  it('rejects bad bodies and impossible requests with the reason, raising nothing', async () => {
    const { admin } = env;
    const before = (await admin('GET', '/api/world/requests')).json.length;
    const unknownKey = await admin('POST', '/api/world/requests/friend', { user_id: 20002, target_id: 20003, note: 'x' });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.json.error.problems).toContain('note: unknown key');
    expect((await admin('POST', '/api/world/requests/friend', { user_id: 20002, target_id: 29999 })).status).toBe(404);
    const already = await admin('POST', '/api/world/requests/friend', { user_id: 10001, target_id: 20001 });
    expect(already.status).toBe(409);
    expect(already.json.error.message).toContain('already a friend');
    expect((await admin('POST', '/api/world/requests/group', { user_id: 20002, group_id: 39999 })).status).toBe(404);
    expect((await admin('GET', '/api/world/requests?status=maybe')).status).toBe(400);
    expect((await admin('GET', '/api/world/requests')).json.length).toBe(before);
  });
});
