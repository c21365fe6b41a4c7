import { afterEach, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';

const world = {
  accounts: [
    { user_id: 10001, nickname: 'Bot', bot: true },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
    { user_id: 20003, nickname: 'Carol' },
  ],
  friends: [{ user_id: 10001, friend_id: 20001 }],
  groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [10001, 20002] }],
};

const frozen = { clockStart: { atMs: Date.UTC(2026, 0, 1), frozen: true }, seed: 1 };

describe('snapshots', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('puts the whole world back in place, ids, clock and randomness continuing from the restored state', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: frozen });
    stop = () => catnap.stop();
    const send = async (text: string) =>
      (await admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: text })).json.data.message_id as number;
    await send('before');
    const saved = await admin('POST', '/api/world/snapshots', { name: 'base' });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ name: 'base', world_time: Date.UTC(2026, 0, 1) / 1000, seed: 1, clock: { frozen: true } });

    const first = await send('after 1');
    const upload = await admin('POST', '/api/world/act/20001/upload_group_file', { group_id: 30001, file: 'base64://aGk=', name: 'a.txt' });
    expect(upload.json.status).toBe('ok');
    const fileId = upload.json.data.file_id;
    await admin('POST', '/api/world/groups/30001/members', { user_id: 20003 });
    await admin('POST', '/api/clock', { advance: '1d' });

    const restored = await admin('POST', '/api/world/snapshots/base/restore');
    expect(restored.status).toBe(200);
    expect(restored.json.restore_ms).toBeGreaterThan(0);
    expect((await admin('GET', '/api/clock')).json.now_ms).toBe(Date.UTC(2026, 0, 1));
    const members = await admin('POST', '/api/world/act/10001/get_group_member_list', { group_id: 30001 });
    expect(members.json.data.map((member: { user_id: number }) => member.user_id).sort()).toEqual([10001, 20001, 20002]);
    const history = await admin('POST', '/api/world/act/10001/get_group_msg_history', { group_id: 30001 });
    expect(history.json.data.messages.map((message: { raw_message: string }) => message.raw_message)).toEqual(['before']);
    const files = await admin('POST', '/api/world/act/10001/get_group_root_files', { group_id: 30001 });
    expect(files.json.data.files).toEqual([]);

    // The same steps again give the same ids.
    expect(await send('after 1')).toBe(first);
    const again = await admin('POST', '/api/world/act/20001/upload_group_file', { group_id: 30001, file: 'base64://aGk=', name: 'a.txt' });
    expect(again.json.data.file_id).toBe(fileId);
  });

  it('keeps the transcript of what was said before a restore, though the restored world reuses its message ids', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: frozen });
    stop = () => catnap.stop();
    const send = async (text: string) =>
      (await admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: text })).json.data.message_id as number;
    await admin('POST', '/api/world/snapshots', { name: 'empty' });
    const mark = (await admin('POST', '/api/world/marks', { name: 'start' })).json.mark;
    const gone = await send('said before the restore');
    await admin('POST', '/api/world/snapshots/empty/restore');
    // The restored world hands out the same id again, to another message.
    expect(await send('said after the restore')).toBe(gone);
    const { entries } = (await admin('GET', `/api/world/transcript?since=${mark}`)).json;
    const said = entries.filter((entry: { kind: string }) => entry.kind === 'message').map((entry: { text: string }) => entry.text);
    expect(said).toEqual(['said before the restore', 'said after the restore']);
  });

  it('lists, deletes, refuses bad names and unknown snapshots, and resets to the start', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: frozen });
    stop = () => catnap.stop();
    await admin('POST', '/api/world/snapshots', { name: 'one' });
    expect((await admin('GET', '/api/world/snapshots')).json.snapshots.map((s: { name: string }) => s.name)).toEqual(['start', 'one']);
    expect((await admin('POST', '/api/world/snapshots', { name: '../etc' })).status).toBe(400);
    expect((await admin('POST', '/api/world/snapshots', { name: 'a', extra: 1 })).status).toBe(400);
    expect((await admin('POST', '/api/world/snapshots/nope/restore')).status).toBe(404);
    expect((await admin('DELETE', '/api/world/snapshots/one')).json).toEqual({ name: 'one', deleted: true });
    expect((await admin('DELETE', '/api/world/snapshots/one')).status).toBe(404);
    // `start` is what reset restores: neither replaced nor deleted by a test.
    const replaced = await admin('POST', '/api/world/snapshots', { name: 'start' });
    expect(replaced.status).toBe(400);
    expect(replaced.json.error.message).toContain('what reset restores');
    expect((await admin('DELETE', '/api/world/snapshots/start')).status).toBe(400);

    await admin('POST', '/api/world/accounts', { user_id: 20009, nickname: 'Late' });
    await admin('POST', '/api/world/act/20001/send_private_msg', { user_id: 10001, message: 'hi' });
    const reset = await admin('POST', '/api/world/reset');
    expect(reset.json.name).toBe('start');
    expect((await admin('GET', '/api/world/accounts/20009')).status).toBe(404);
    const history = await admin('POST', '/api/world/act/10001/get_friend_msg_history', { user_id: 20001 });
    expect(history.json).toMatchObject({ status: 'failed', retcode: 2004 }); // no message at all: NapCat fails an empty history
  });

  it('takes fault rules and account health back with the rest of the world', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: frozen });
    stop = () => catnap.stop();
    await admin('POST', '/api/faults', { action: 'send_group_msg', effect: { type: 'fail', preset: 'risk_control' } });
    await admin('POST', '/api/world/snapshots', { name: 'one-rule' });
    await admin('POST', '/api/faults', { action: 'send_private_msg', effect: { type: 'delay', delay_ms: 10 } });
    await admin('POST', '/api/bots/10001/health', { state: 'offline' });

    await admin('POST', '/api/world/snapshots/one-rule/restore');
    expect((await admin('GET', '/api/faults')).json.map((rule: { action: string }) => rule.action)).toEqual(['send_group_msg']);
    const status = await admin('POST', '/api/world/act/10001/get_status', {});
    expect(status.json.data).toMatchObject({ online: true, good: true });

    await admin('POST', '/api/world/reset');
    expect((await admin('GET', '/api/faults')).json).toEqual([]);
  });

  it('restored in a later run under another seed (or none), continue as the run that saved them would have', async () => {
    const forward = { group_id: 30001, messages: [{ type: 'node', data: { user_id: 20001, nickname: 'A', content: 'hi' } }] };
    // What the run that saved a snapshot makes after it: a file id (the generator) and a forward's
    // res_id (a secret, which a seeded run derives from its seed).
    const future = async (admin: Awaited<ReturnType<typeof startCatnap>>['admin']) => {
      const upload = await admin('POST', '/api/world/act/20001/upload_group_file', {
        group_id: 30001,
        file: 'base64://aGk=',
        name: 'a.txt',
      });
      const sent = await admin('POST', '/api/world/act/20001/send_group_forward_msg', forward);
      return { fileId: upload.json.data.file_id as string, resId: sent.json.data.res_id as string };
    };
    const first = await startCatnap(world, { catnap: frozen });
    await first.admin('POST', '/api/world/snapshots', { name: 'seeded' });
    const original = await future(first.admin);
    await first.catnap.stop();
    for (const seed of [2, undefined]) {
      const later = await startCatnap(world, { dataDir: first.dataDir, catnap: { ...frozen, seed } });
      stop = () => later.catnap.stop();
      await later.admin('POST', '/api/world/snapshots/seeded/restore');
      expect(await future(later.admin)).toEqual(original);
      // Saved again, the world's random source is still the snapshot's, seed included.
      expect((await later.admin('POST', '/api/world/snapshots', { name: 'again' })).json.seed).toBe(1);
      await later.catnap.stop();
      stop = undefined;
    }
  });

  it('survive a restart', async () => {
    const first = await startCatnap(world, { catnap: frozen });
    await first.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'kept' });
    await first.admin('POST', '/api/world/snapshots', { name: 'kept' });
    await first.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'later' });
    await first.catnap.stop();
    const second = await startCatnap(world, { dataDir: first.dataDir });
    stop = () => second.catnap.stop();
    expect((await second.admin('GET', '/api/world/snapshots')).json.snapshots.map((s: { name: string }) => s.name)).toContain('kept');
    await second.admin('POST', '/api/world/snapshots/kept/restore');
    const history = await second.admin('POST', '/api/world/act/10001/get_group_msg_history', { group_id: 30001 });
    expect(history.json.data.messages.map((message: { raw_message: string }) => message.raw_message)).toEqual(['kept']);
    expect((await second.admin('GET', '/api/clock')).json).toMatchObject({ now_ms: Date.UTC(2026, 0, 1), frozen: true });
  });
});
