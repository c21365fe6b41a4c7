import { describe, expect, it, vi } from 'vitest';
import { newFaultRule } from '../../src/world/faults/fault-rule-input.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../helpers/onebot.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/**
 * The two races the transactional world was built against: calls that arrive together must
 * behave as if they ran one after the other.
 */
describe('concurrent changes', () => {
  it('never puts more members in a group than its maximum', async () => {
    const { world } = await memoryWorld({
      accounts: [20001, 20002, 20003, 20004].map((user_id) => ({ user_id, nickname: `u${user_id}` })),
      groups: [{ group_id: 30001, group_name: 'Tiny', owner_id: 20001, max_member_count: 2 }],
    });
    const results = await Promise.allSettled([20002, 20003, 20004].map((userId) => world.groups.addMember(30001, userId)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await world.groups.memberCount(30001)).toBe(2);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'LIMIT_REACHED' });
    }
  });

  it('answers a duplicate join request with the catalogue error, never 1200', async () => {
    const ob = await onebotWorld();
    for (const addType of [1, 2]) {
      await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: addType });
      const requester = addType === 1 ? 20002 : 20003;
      const envelopes = await Promise.all([1, 2].map(() => ob.call(requester, 'send_group_join_request', { group_id: 30002 })));
      expect(envelopes.map((envelope) => envelope.retcode).sort()).toEqual([0, 2106]);
    }
    const pending = (await ob.world.requests.systemMessages(10002, { filtered: false, count: 50 })).joins.filter(
      (request) => request.status === 'pending',
    );
    expect(pending).toHaveLength(1);
  });

  it('runs the units queued when a snapshot is restored on the restored world, so their events tell the truth', async () => {
    const store = new SqliteWorldStore(':memory:');
    const { world, events } = await memoryWorld(smallWorld, store);
    await world.snapshots.save('before');
    // The snapshot's files are read before the restore; here that read ends in the turn in which
    // a send and a health change arrive, so their units are queued when the tables are replaced.
    vi.spyOn(world.snapshots, 'get').mockResolvedValueOnce(await world.snapshots.get('before'));
    const restoring = world.snapshots.restore('before');
    const sending = world.messages.send(
      20001,
      { type: 'group', groupId: 30001 },
      { kind: 'elements', elements: [{ kind: 'text', text: 'hi' }] },
    );
    const kicking = world.health.set(10001, 'kicked');
    await restoring;
    const sent = await sending;
    await kicking;
    const types = events.map((event) => event.type);
    expect(types.indexOf('world.restored')).toBeLessThan(types.indexOf('message.created'));
    // The message its event announced is in the world, and the health the world answers is the stored one.
    expect(world.messages.find(sent.messageId)).toBeDefined();
    expect(world.health.state(10001)).toBe(store.health.get(10001)?.state ?? 'online');
    expect(world.health.state(10001)).toBe('kicked');
  });

  it('completes an upload stream once, and never drops a stream restarted under its id meanwhile', async () => {
    const { world } = await memoryWorld(smallWorld);
    const streams = world.uploadStreams;
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    await streams.call(10001, { streamId: 'S', totalChunks: 1, chunkIndex: 0, chunkData: base64('old file') });
    const completes = await Promise.allSettled([1, 2].map(() => streams.call(10001, { streamId: 'S', isComplete: true })));
    expect(completes.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);

    await streams.call(10001, { streamId: 'S', totalChunks: 1, chunkIndex: 0, chunkData: base64('old file') });
    const completing = streams.call(10001, { streamId: 'S', isComplete: true });
    // While the joined bytes are being stored, the client drops the stream and starts a new one under the same id.
    await new Promise((resolve) => setImmediate(resolve));
    await streams.call(10001, { streamId: 'S', reset: true });
    await streams.call(10001, { streamId: 'S', totalChunks: 2, chunkIndex: 0, chunkData: base64('new ') });
    expect((await completing).status).toBe('file_complete');
    const next = await streams.call(10001, { streamId: 'S', chunkIndex: 1, chunkData: base64('file') });
    expect(next).toMatchObject({ status: 'chunk_received', receivedChunks: 2, totalChunks: 2 });
  });

  it('saves a snapshot saved twice at once, and restores it', async () => {
    const { world } = await memoryWorld(smallWorld);
    for (let round = 0; round < 5; round++) {
      // Both saves used one temp file: one failed (ENOENT, or "output file already exists").
      const saves = await Promise.allSettled([world.snapshots.save('twice'), world.snapshots.save('twice')]);
      expect(saves.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    }
    await expect(world.snapshots.restore('twice')).resolves.toMatchObject({ name: 'twice' });
    expect((await world.snapshots.list()).snapshots.map((info) => info.name)).toEqual(['twice']);
  });

  it('keeps a fault rule as the restored snapshot has it when a hit is queued at the restore', async () => {
    const store = new SqliteWorldStore(':memory:');
    const { world } = await memoryWorld(smallWorld, store);
    const effect = { type: 'fail', retcode: 1400, message: 'fault', wording: 'fault' } as const;
    const rule = await world.faults.add(newFaultRule({ action: 'get_friend_list', times: 5, effect }));
    await world.snapshots.save('five-left');
    for (let hit = 0; hit < 4; hit++) await world.faults.hit(rule.id)!.stored;
    vi.spyOn(world.snapshots, 'get').mockResolvedValueOnce(await world.snapshots.get('five-left'));
    const restoring = world.snapshots.restore('five-left');
    // The last hit's counts (none left) were worked out on the world the restore replaces.
    const last = world.faults.hit(rule.id);
    await restoring;
    await last!.stored;
    expect(store.faults.list()).toMatchObject([{ id: rule.id, fired: 0, timesLeft: 5 }]);
    expect(world.faults.list()).toMatchObject([{ id: rule.id, fired: 0, timesLeft: 5 }]);
  });
});
