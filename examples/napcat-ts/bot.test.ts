// The napcat-ts example bot tested with catnap/testing from vitest: a Catnap in this process, the
// bot as a child process connected over the real WebSocket, the world reset before every test.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExpectationError, startWorld, type TestWorld } from 'catnap/testing';

const here = fileURLToPath(new URL('.', import.meta.url));
let world: TestWorld;

beforeAll(async () => {
  world = await startWorld(); // the default world: bot 10001, Alice 20001, Bob 20002, group 30001, ...
  await world.startBot('node bot.js', { cwd: here });
});
afterAll(() => world?.stop());
beforeEach(() => world.reset());

describe('the napcat-ts example bot', () => {
  it('answers /ping in a group', async () => {
    await world.user(20001).say('/ping', { group: 30001 });
    await world.expectMessage({ text: 'pong', group: 30001 });
  });

  it('answers privately, and stays silent on small talk', async () => {
    await world.user(20002).say('/ping');
    await world.expectMessage({ text: 'pong', user: 20002 });
    // Silence alone proves only its own length; the pong to a later /ping shows the small talk
    // was read, and nothing since the mark but that pong shows it went unanswered.
    const smallTalk = await world.mark();
    await world.user(20002).say('how are you?');
    await world.user(20002).say('/ping');
    await world.expectMessage({ text: 'pong', user: 20002 });
    await world.expectNone({ regex: /^(?!pong$)/ }, { since: smallTalk, within: 0 });
  });

  it('welcomes a new member with an @', async () => {
    await world.group(30002).join(20004);
    await world.expectMessage({ text: 'Welcome', group: 30002, segments: ['at'] });
  });

  it('mutes on command in the group it owns', async () => {
    await world.user(20001).say('/mute 20003 600', { group: 30002 });
    await world.expectCall('set_group_ban', { group_id: 30002, user_id: 20003, duration: 600 });
  });

  it('counts check-in days by the world clock', async () => {
    await world.user(20004).say('/checkin', { group: 30001 });
    await world.expectMessage({ text: 'Checked in!' });
    await world.clock.advance('1d');
    await world.user(20004).say('/checkin', { group: 30001 });
    await world.expectMessage({ text: 'Checked in!' });
  });

  it('says what it sent instead when an expectation fails', async () => {
    await world.user(20001).say('/echo pong?', { group: 30001 });
    // Once the bot has answered, so the failure has its answer to show however slow the machine.
    await world.expectMessage({ text: 'pong?', group: 30001 });
    const failure = await world.expectMessage({ text: 'pong!', group: 30001 }, { within: 500 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExpectationError);
    expect((failure as Error).message).toContain('pong?');
  });
});
