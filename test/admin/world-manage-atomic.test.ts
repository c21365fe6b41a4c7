import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

/** Runs `request` and returns its answer with the domain events sent while it ran. */
async function watching<T>(request: () => Promise<T>): Promise<{ answer: T; events: DomainEvent[] }> {
  const events: DomainEvent[] = [];
  const stop = env.catnap.world.events.on((event) => events.push(event));
  try {
    return { answer: await request(), events };
  } finally {
    stop();
  }
}

const group = async (groupId: number) => (await env.admin('GET', '/api/world/groups')).json.find((g: any) => g.group_id === groupId);

describe('a world PATCH is one unit: a refused field changes nothing', () => {
  it('a group patch whose maximum is below its members keeps its owner and name and announces nothing', async () => {
    const before = await group(30001);
    const { answer, events } = await watching(() =>
      env.admin('PATCH', '/api/world/groups/30001', { owner_id: 20003, group_name: 'Renamed', whole_mute: true, max_member_count: 2 }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain('max_member_count 2');
    expect(events).toEqual([]);
    expect(await group(30001)).toEqual(before);
    expect(before).toMatchObject({ owner_id: 20001, group_name: 'Lounge', whole_mute: false });
  });

  it('a group patch that is accepted applies every field at once', async () => {
    const { answer, events } = await watching(() =>
      env.admin('PATCH', '/api/world/groups/30002', { owner_id: 20001, group_name: 'Lab 2', whole_mute: true, max_member_count: 2 }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ owner_id: 20001, group_name: 'Lab 2', whole_mute: true, max_member_count: 2 });
    expect(events.map((event) => event.type)).toEqual([
      'member.role_changed',
      'member.role_changed',
      'group.updated',
      'group.name_changed',
      'group.updated',
      'member.muted',
      'group.updated',
    ]);
  });

  it("a member patch that mutes the owner keeps the owner's card and title and announces nothing", async () => {
    const before = await group(30001);
    const { answer, events } = await watching(() =>
      env.admin('PATCH', '/api/world/groups/30001/members/20001', { card: 'NewCard', title: 'T', mute_seconds: 60 }),
    );
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('RANK_TOO_LOW');
    expect(events).toEqual([]);
    expect(await group(30001)).toEqual(before);
  });

  it('a member patch that is accepted applies every field at once', async () => {
    const { answer, events } = await watching(() =>
      env.admin('PATCH', '/api/world/groups/30001/members/20003', { role: 'admin', card: 'Cee', title: 'Star', mute_seconds: 60 }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ role: 'admin', card: 'Cee', title: 'Star' });
    expect(events.map((event) => event.type)).toEqual([
      'member.role_changed',
      'member.card_changed',
      'member.title_changed',
      'member.muted',
    ]);
  });
});
