import { afterEach, describe, expect, it } from 'vitest';
import { startOptions } from '../../src/app/cli/start-command.js';
import { parseDuration, parseInstant, WorldClock } from '../../src/util/clock.js';
import { WorldRandom } from '../../src/util/random.js';
import { startCatnap } from '../helpers/catnap.js';

describe('the world clock', () => {
  it('runs with real time, freezes, sets and advances, and tells listeners of jumps', () => {
    let real = 1_000_000;
    const clock = new WorldClock(() => real);
    const jumps: [number, number][] = [];
    clock.onChange(({ fromMs, toMs }) => jumps.push([fromMs, toMs]));
    real += 500;
    expect(clock.nowMs()).toBe(1_000_500);
    clock.freeze();
    real += 500;
    expect(clock.nowMs()).toBe(1_000_500);
    clock.advance(90_000);
    expect(clock.nowMs()).toBe(1_090_500);
    clock.unfreeze();
    real += 10;
    expect(clock.nowMs()).toBe(1_090_510);
    clock.set(5_000);
    expect(clock.nowMs()).toBe(5_000);
    expect(jumps).toEqual([
      [1_000_500, 1_090_500],
      [1_090_510, 5_000],
    ]);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    const state = { nowMs: 42_000, frozen: true };
    clock.restore(state);
    expect(clock.state()).toEqual(state);
    expect(jumps).toHaveLength(2);
  });

  it('starts frozen exactly at the instant given, however real time ticks meanwhile', () => {
    let real = 1_000_000;
    // Real time moves a millisecond at every read, as it may between two reads at a start.
    const clock = new WorldClock(() => real++, { atMs: 5_000, frozen: true });
    expect(clock.state()).toEqual({ nowMs: 5_000, frozen: true });
  });

  it('reads durations and instants as people write them', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('-5s')).toBeUndefined();
    expect(parseInstant('2026-01-01T00:00:00+08:00')).toBe(Date.UTC(2025, 11, 31, 16));
    expect(parseInstant(1_767_225_600)).toBe(1_767_225_600_000);
    expect(parseInstant('1767225600')).toBe(1_767_225_600_000);
    expect(parseInstant('tomorrow')).toBeUndefined();
  });
});

describe('seeded randomness', () => {
  it('repeats every value for the same seed and continues from a kept state', () => {
    const draw = (random: WorldRandom) => [
      random.uuid(),
      random.int(1, 6),
      random.bytes(5).toString('hex'),
      random.secret(4).toString('hex'),
    ];
    const a = new WorldRandom(1, true);
    const b = new WorldRandom(1, true);
    expect(draw(a)).toEqual(draw(b));
    expect(draw(new WorldRandom(2, true))).not.toEqual(draw(new WorldRandom(1, true)));
    const kept = a.state();
    const next = draw(a);
    a.restore(kept);
    expect(draw(a)).toEqual(next);
    expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => new WorldRandom(-1)).toThrow(RangeError);
  });

  it('keeps secrets from the operating system unless the user chose the seed', () => {
    expect(new WorldRandom(7).secret(16)).not.toEqual(new WorldRandom(7).secret(16));
  });

  it("makes a seeded run's secrets repeat without being the generator's raw output", () => {
    const secrets = new WorldRandom(7, true);
    const raw = new WorldRandom(7, true);
    const drawn = [secrets.secret(24), secrets.secret(48)];
    expect(drawn.map((secret) => secret.length)).toEqual([24, 48]);
    expect(drawn[0]).not.toEqual(raw.bytes(24));
    // The same share of the stream, so the values drawn after a secret stay where they were.
    expect(drawn[1]).not.toEqual(raw.bytes(48));
    expect(secrets.uuid()).toBe(raw.uuid());
    const again = new WorldRandom(7, true);
    expect([again.secret(24), again.secret(48)]).toEqual(drawn);
    expect(new WorldRandom(8, true).secret(24)).not.toEqual(drawn[0]);
  });
});

describe('--clock and --seed', () => {
  it('parses the flags and their environment variables', () => {
    expect(startOptions({ clock: 'frozen', seed: '1' }, {})).toMatchObject({ clockStart: { frozen: true }, seed: 1 });
    expect(startOptions({}, { CATNAP_SEED: '42', CATNAP_CLOCK: '2026-01-01T00:00:00+08:00' })).toMatchObject({
      seed: 42,
      clockStart: { frozen: true, atMs: Date.UTC(2025, 11, 31, 16) },
    });
    expect(() => startOptions({ clock: 'later' }, {})).toThrow('--clock must be');
    expect(() => startOptions({ seed: '1.5' }, {})).toThrow('--seed must be an integer');
    expect(() => startOptions({ seed: '' }, {})).toThrow('--seed must be an integer');
  });
});

const world = {
  accounts: [
    { user_id: 10001, nickname: 'Bot', bot: true },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [10001, 20002] }],
};

describe('GET/POST /api/clock', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('freezes, sets and advances the time every world time comes from', async () => {
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    const { catnap, admin } = await startCatnap(world, { catnap: { clockStart: { atMs: start, frozen: true } } });
    stop = () => catnap.stop();
    expect((await admin('GET', '/api/clock')).json).toEqual({
      now: start / 1000,
      now_ms: start,
      iso: '2025-12-31T16:00:00.000Z',
      frozen: true,
    });
    const sent = await admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'hi' });
    const message = await admin('POST', '/api/world/act/10001/get_msg', { message_id: sent.json.data.message_id });
    expect(message.json.data.time).toBe(start / 1000);

    expect((await admin('POST', '/api/clock', { advance: '1d' })).json).toMatchObject({ now: start / 1000 + 86_400, frozen: true });
    expect((await admin('POST', '/api/clock', { advance: 1500 })).json.now_ms).toBe(start + 86_401_500);
    expect((await admin('POST', '/api/clock', { set: '2027-01-01T00:00:00Z' })).json.now).toBe(Date.UTC(2027, 0, 1) / 1000);
    expect((await admin('POST', '/api/clock', { set: 1_800_000_000, advance: '90s' })).json.now).toBe(1_800_000_090);
    const released = await admin('POST', '/api/clock', { freeze: false });
    expect(released.json.frozen).toBe(false);
    expect(released.json.now).toBeGreaterThanOrEqual(1_800_000_090);
  });

  it('refuses bad times and durations, changing nothing', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: { clockStart: { atMs: 1_000_000_000_000, frozen: true } } });
    stop = () => catnap.stop();
    for (const body of [{ advance: 'soon' }, { set: 'tomorrow' }, { set: 'x', advance: '1d' }, { advance: -5 }, { speed: 2 }]) {
      const answer = await admin('POST', '/api/clock', body);
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('BAD_REQUEST');
    }
    expect((await admin('GET', '/api/clock')).json).toMatchObject({ now_ms: 1_000_000_000_000, frozen: true });
  });

  it('lifts a mute when the clock passes its end, with no notice (QQ announces none)', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: { clockStart: { frozen: true } } });
    stop = () => catnap.stop();
    expect(
      (await admin('POST', '/api/world/act/20001/set_group_ban', { group_id: 30001, user_id: 20002, duration: 600 })).json.status,
    ).toBe('ok');
    expect((await admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'x' })).json.status).toBe('failed');
    const notices: unknown[] = [];
    catnap.world.events.on((event) => notices.push(event));
    await admin('POST', '/api/clock', { advance: '10m' });
    expect((await admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'free' })).json.status).toBe('ok');
    const info = await admin('POST', '/api/world/act/10001/get_group_member_info', { group_id: 30001, user_id: 20002 });
    expect(info.json.data.shut_up_timestamp).toBe(0);
    expect(notices.filter((event) => (event as { type: string }).type === 'member.muted')).toEqual([]);
  });

  it('draws the same file ids from the same seed', async () => {
    const ids: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { catnap, admin } = await startCatnap(world, { catnap: { seed: 1, clockStart: { atMs: 1_800_000_000_000, frozen: true } } });
      try {
        const sent = await admin('POST', '/api/world/act/20001/send_group_msg', {
          group_id: 30001,
          message: [
            { type: 'file', data: { file: 'base64://aGVsbG8=', name: 'a.txt' } },
            { type: 'dice', data: {} },
          ],
        });
        const got = await admin('POST', '/api/world/act/10001/get_msg', { message_id: sent.json.data.message_id });
        ids.push(JSON.stringify(got.json.data.message).replace(/127\.0\.0\.1:\d+/g, 'host'));
      } finally {
        await catnap.stop();
      }
    }
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toContain('file_id');
  });
});
