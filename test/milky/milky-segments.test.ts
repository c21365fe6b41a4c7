import { describe, expect, it } from 'vitest';
import type { ElementDraft } from '../../src/world/messages/draft.js';
import { milkyWorld } from '../helpers/milky.js';
import { png } from '../helpers/messages.js';
import { smallWorld } from '../helpers/world.js';

const image = `base64://${png.toString('base64')}`;
const lounge = { type: 'group' as const, groupId: 30001 };

/** An account outside Milky's uin range (above 2^32 - 1), which a message may still mention. */
const bigUin = 5_000_000_000;
const world = { ...smallWorld, accounts: [...smallWorld.accounts!, { user_id: bigUin, nickname: 'Big' }] };

/** Every kind of element a world message can hold, one message each. */
const elementMessages: ElementDraft[][] = [
  [{ kind: 'text', text: 'plain' }],
  [
    { kind: 'face', faceId: 14 },
    { kind: 'face', faceId: 358, resultId: '1', chainCount: 1, faceType: 3 },
  ],
  [{ kind: 'mface', packageId: 1, emojiId: 'abcdef', key: 'k', summary: '[s]' }],
  [
    { kind: 'at', target: 'all' },
    { kind: 'at', target: 20002 },
    { kind: 'at', target: bigUin },
  ],
  [{ kind: 'image', source: { uri: image }, subType: 1 }],
  [{ kind: 'record', source: { uri: 'base64://aGk=' } }],
  [{ kind: 'video', source: { uri: 'base64://aGk=' } }],
  [{ kind: 'file', source: { uri: 'base64://aGk=', name: 'a.txt' } }],
  [{ kind: 'json', data: '{"app":"com.tencent.x"}' }],
  [{ kind: 'xml', data: '<msg serviceID="1"/>' }],
  [{ kind: 'markdown', content: '# hi' }],
  [{ kind: 'poke', pokeType: 1, pokeId: 1 }],
  [{ kind: 'dice' }],
  [{ kind: 'rps' }],
  [{ kind: 'music', platform: 'qq', songId: '1' }],
  [{ kind: 'contact', contactType: 'qq', id: 20002 }],
  [{ kind: 'location', lat: 1, lon: 2, title: 't', content: 'c' }],
  [{ kind: 'share', url: 'http://example.com', title: 't', content: 'c', image: '' }],
  [
    { kind: 'reply-seq', seq: 1 },
    { kind: 'text', text: 'a reply' },
  ],
];

/**
 * Every element kind the world stores, as a Milky client meets it: in the message event, in
 * get_message and get_history_messages, quoted by a reply, inside a merged forward and as an
 * essence message. The helpers check each reply and event against the spec's schemas and fail
 * when the schema had to repair one (a malformed segment parses as "[unknown]" text otherwise).
 */
describe('Milky segments of every stored element', () => {
  it('parse with the spec as they are, wherever a client reads them', async () => {
    const m = await milkyWorld(world);
    const events = m.listen(10001);
    const sent = [];
    for (const elements of elementMessages) sent.push(await m.world.messages.send(20001, lounge, { kind: 'elements', elements }));
    for (const message of sent) {
      await m.world.messages.send(20002, lounge, { kind: 'elements', elements: [{ kind: 'reply', messageId: message.messageId }] });
    }
    const forward = await m.world.messages.send(20001, lounge, {
      kind: 'forward',
      nodes: sent.map((message) => ({ kind: 'ref' as const, messageId: message.messageId })),
      card: {},
    });
    await m.hub.flush();
    expect(events.filter((event) => event.event_type === 'message_receive')).toHaveLength(sent.length * 2 + 1);

    for (const message of sent) {
      await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: message.seq });
      await m.data(10001, 'set_group_essence_message', { group_id: 30001, message_seq: message.seq });
    }
    await m.data(10001, 'get_group_essence_messages', { group_id: 30001, page_index: 0, page_size: 100 });
    let history = await m.data(10001, 'get_history_messages', { message_scene: 'group', peer_id: 30001, limit: 30 });
    while (history.next_message_seq != null) {
      const start = history.next_message_seq;
      history = await m.data(10001, 'get_history_messages', { message_scene: 'group', peer_id: 30001, start_message_seq: start });
    }
    const card = (await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: forward.seq })).message
      .segments[0];
    const nodes = await m.data(10001, 'get_forwarded_messages', { forward_id: card.data.forward_id });
    expect(nodes.messages).toHaveLength(sent.length);
  });

  it('give a file its hash only in a private chat, as the spec says', async () => {
    const m = await milkyWorld(world);
    const file = { kind: 'file' as const, source: { uri: 'base64://aGk=', name: 'a.txt' } };
    const inGroup = await m.world.messages.send(20001, lounge, { kind: 'elements', elements: [file] });
    const inChat = await m.world.messages.send(20001, { type: 'private', userId: 10001 }, { kind: 'elements', elements: [file] });
    const groupFile = await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: inGroup.seq });
    const chatFile = await m.data(10001, 'get_message', { message_scene: 'friend', peer_id: 20001, message_seq: inChat.seq });
    expect(groupFile.message.segments[0]).toMatchObject({ type: 'file', data: { file_name: 'a.txt', file_hash: null } });
    const hash = chatFile.message.segments[0].data.file_hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // The hash a private file segment carries is the one its download URL asks for.
    const { download_url } = await m.data(10001, 'get_private_file_download_url', {
      user_id: 20001,
      file_id: chatFile.message.segments[0].data.file_id,
      file_hash: hash,
    });
    expect(download_url).toMatch(/^http:\/\/catnap\.test\//);
  });

  it('mention only accounts Milky can name, and keep a super face super', async () => {
    const m = await milkyWorld(world);
    const mentions = await m.world.messages.send(20001, lounge, {
      kind: 'elements',
      elements: [
        { kind: 'at', target: 20002 },
        { kind: 'at', target: bigUin },
      ],
    });
    const read = await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: mentions.seq });
    expect(read.message.segments).toEqual([
      { type: 'mention', data: { user_id: 20002, name: 'Bob' } },
      { type: 'text', data: { text: '@Big' } },
    ]);

    const faces = await m.data(10001, 'send_group_message', {
      group_id: 30001,
      message: [
        { type: 'face', data: { face_id: '358', is_large: true } },
        { type: 'face', data: { face_id: '14' } },
      ],
    });
    const got = await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: faces.message_seq });
    expect(got.message.segments).toEqual([
      { type: 'face', data: { face_id: '358', is_large: true } },
      { type: 'face', data: { face_id: '14', is_large: false } },
    ]);
  });
});
