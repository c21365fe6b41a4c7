import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { milkyWorld } from '../helpers/milky.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });

/**
 * Events are built after the world emitted them, one after another: under a burst (images whose
 * size is read from disk) a snapshot restore can land between a message and the building of its
 * event, and the account that sent it may no longer exist then. The friend-scene view threw
 * ("names user 20009, who does not exist"): the event was lost for every receiver and logged as
 * an internal failure, while a group-scene one of a dismissed group was already shown by number.
 */
describe('Milky messages whose other side is gone', () => {
  it('a friend-scene message of an account a restore removed is still delivered, the friend shown by number', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    await m.world.snapshots.save('before');
    await m.world.accounts.create({ userId: 20009, nickname: 'Zed' });
    await m.world.friends.befriend(10001, 20009);
    const captured: DomainEvent[] = [];
    const off = m.world.events.on((event) => {
      if (event.type === 'message.created') captured.push(event);
    });
    await m.world.messages.send(20009, { type: 'private', userId: 10001 }, { kind: 'elements', elements: [{ kind: 'text', text: 'hi' }] });
    off();
    await m.hub.flush();
    bot.length = 0;

    await m.world.snapshots.restore('before');
    expect(m.world.accounts.find(20009)).toBeUndefined();
    // The same event, built only now: what a burst's backlog does.
    m.world.events.emit(captured[0]!);
    await m.hub.flush();

    expect(bot).toHaveLength(1);
    expect(bot[0]).toMatchObject({
      event_type: 'message_receive',
      data: {
        message_scene: 'friend',
        peer_id: 20009,
        sender_id: 20009,
        segments: [text('hi')],
        friend: { user_id: 20009, nickname: '20009', sex: 'unknown', remark: '', category: { category_id: 0 } },
      },
    });
  });
});
