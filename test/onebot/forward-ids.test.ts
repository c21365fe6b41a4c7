import { describe, expect, it } from 'vitest';
import { WorldRandom, type RandomState } from '../../src/util/random.js';
import { milkyWorld } from '../helpers/milky.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: bot 10002 owns group 30002 and is not in group 30001, where Alice (20001) is the owner.
const node = (userId: number, text: string) => ({ type: 'node', data: { user_id: userId, nickname: String(userId), content: text } });
const milkyForward = (text: string) => [
  { type: 'forward', data: { messages: [{ user_id: 20001, sender_name: 'Alice', segments: [{ type: 'text', data: { text } }] }] } },
];

/**
 * What an attacker who rebuilt the world generator's state computes as the next res_ids: the
 * base64url of every 24-byte run of the coming output, at each of the next 64 words. The audit
 * rebuilt that state from one res_id of the attacker's own forward (xoroshiro128+ is not
 * cryptographic); the tests hand it over, which is more than a res_id now gives away.
 */
function guessesFrom(state: RandomState): string[] {
  const clone = new WorldRandom(state.seed);
  clone.restore(state);
  const stream = clone.bytes(4 * (64 + 6));
  return Array.from({ length: 64 }, (_, word) => stream.subarray(4 * word, 4 * word + 24).toString('base64url'));
}

describe('res_ids of merged forwards cannot be guessed from the world generator', () => {
  for (const [label, random] of [
    ['without a seed', () => new WorldRandom()],
    ['with a seed (--seed)', () => new WorldRandom(7, true)],
  ] as const) {
    it(`${label}: a bot that knows the generator's state cannot read another group's forward (OneBot)`, async () => {
      const ob = await onebotWorld(smallWorld, undefined, random());
      await ob.data(10002, 'send_group_forward_msg', { group_id: 30002, messages: [node(10002, 'mine')] });
      const guesses = guessesFrom(ob.world.random.state());
      const theirs = await ob.data(20001, 'send_group_forward_msg', { group_id: 30001, messages: [node(20001, 'the plan')] });
      expect(guesses).not.toContain(theirs.res_id);
      for (const id of guesses) expect(await ob.call(10002, 'get_forward_msg', { id })).toMatchObject({ retcode: 2009 });
      // The res_id itself still opens the forward, as in QQ.
      expect((await ob.data(10002, 'get_forward_msg', { id: theirs.res_id })).messages).toHaveLength(1);
    });

    it(`${label}: a bot that knows the generator's state cannot read another group's forward (Milky)`, async () => {
      const m = await milkyWorld(smallWorld, random());
      await m.data(10002, 'send_group_message', { group_id: 30002, message: milkyForward('mine') });
      const guesses = guessesFrom(m.world.random.state());
      const sent = await m.data(20001, 'send_group_message', { group_id: 30001, message: milkyForward('the plan') });
      const carrier = await m.data(20001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: sent.message_seq });
      expect(guesses).not.toContain(carrier.message.segments[0].data.forward_id);
      for (const forward_id of guesses) {
        expect(await m.call(10002, 'get_forwarded_messages', { forward_id })).toMatchObject({ status: 'failed', retcode: -404 });
      }
    });
  }

  it('with a seed, res_ids still repeat run after run, and differ between seeds', async () => {
    const resIds = async (seed: number) => {
      const ob = await onebotWorld(smallWorld, undefined, new WorldRandom(seed, true));
      const ids = [];
      for (const text of ['one', 'two']) {
        ids.push((await ob.data(20001, 'send_group_forward_msg', { group_id: 30001, messages: [node(20001, text)] })).res_id);
      }
      await ob.world.close();
      return ids;
    };
    const first = await resIds(7);
    expect(await resIds(7)).toEqual(first);
    expect(await resIds(8)).not.toEqual(first);
    expect(first[0]).toMatch(/^[\w-]{32}$/);
  });
});
