import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/onebot/error-catalogue.js';
import { parseCq, toCq } from '../../src/onebot/message/cq-code.js';
import { parseMessage } from '../../src/onebot/message/parse-message.js';
import { elementsToSegments, renderMessage } from '../../src/onebot/message/render.js';
import { segmentCodecs } from '../../src/onebot/message/segments/index.js';
import { publicUrls } from '../../src/onebot/public-urls.js';
import type { ElementDraft } from '../../src/world/messages/draft.js';
import type { Element, MediaRef } from '../../src/world/messages/elements.js';

const ctx = { urls: publicUrls(() => 'http://catnap.test'), dialect: 'napcat' } as const;
const options = { selfId: 10001 };

const nonEmpty = fc.string({ minLength: 1, maxLength: 30 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const mediaRef: fc.Arbitrary<MediaRef> = fc.record({
  blobId: fc.stringMatching(/^[0-9a-f]{64}$/),
  name: fc.stringMatching(/^[a-z0-9]{1,12}\.(png|jpg|mp4|pdf|amr)$/),
  size: fc.nat(),
  mime: fc.constantFrom('image/png', 'image/jpeg', 'video/mp4', 'audio/amr', 'application/pdf'),
});
const coordinate = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((value) => (Object.is(value, -0) ? 0 : value));

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One arbitrary stored element of every kind. */
const elementArb: fc.Arbitrary<Element> = fc.oneof(
  nonEmpty.map((text): Element => ({ kind: 'text', text })),
  fc
    .record({ faceId: fc.integer({ min: 0, max: 100000 }), resultId: maybe(nonEmpty), chainCount: maybe(fc.nat(1000)) })
    .map((f): Element => strip({ kind: 'face', ...f })),
  fc.record({ packageId: fc.nat(), emojiId: nonEmpty, key: nonEmpty, summary: nonEmpty }).map((f): Element => ({ kind: 'mface', ...f })),
  fc.oneof(fc.constant<'all'>('all'), fc.integer({ min: 1, max: 2 ** 40 })).map((target): Element => ({ kind: 'at', target })),
  fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((messageId): Element => ({ kind: 'reply', messageId })),
  fc
    .record({ media: mediaRef, summary: maybe(nonEmpty), subType: fc.integer({ min: 0, max: 100 }), flash: maybe(fc.constant(true)) })
    .map((f): Element => strip({ kind: 'image', ...f })),
  mediaRef.map((media): Element => ({ kind: 'record', media })),
  mediaRef.map((media): Element => ({ kind: 'video', media })),
  fc.record({ media: mediaRef, fileId: fc.uuid() }).map((f): Element => ({ kind: 'file', ...f })),
  fc
    .json()
    .filter((json) => json.trim() !== '')
    .map((data): Element => ({ kind: 'json', data })),
  nonEmpty.map((data): Element => ({ kind: 'xml', data })),
  nonEmpty.map((content): Element => ({ kind: 'markdown', content })),
  fc.record({ pokeType: fc.nat(), pokeId: fc.integer() }).map((f): Element => ({ kind: 'poke', ...f })),
  fc.integer({ min: 1, max: 6 }).map((result): Element => ({ kind: 'dice', result })),
  fc.integer({ min: 1, max: 3 }).map((result): Element => ({ kind: 'rps', result })),
  fc
    .record({ platform: fc.constantFrom('qq', '163', 'kugou', 'kuwo', 'migu'), songId: nonEmpty })
    .map((f): Element => ({ kind: 'music', ...f })),
  fc
    .record({ url: nonEmpty, audio: maybe(nonEmpty), title: maybe(nonEmpty), content: maybe(nonEmpty), image: maybe(nonEmpty) })
    .map((f): Element => strip({ kind: 'music', platform: 'custom', ...f })),
  fc
    .record({ contactType: fc.constantFrom<'qq' | 'group'>('qq', 'group'), id: fc.integer({ min: 1, max: 2 ** 40 }) })
    .map((f): Element => ({ kind: 'contact', ...f })),
  fc
    .record({ lat: coordinate(90), lon: coordinate(180), title: fc.string(), content: fc.string() })
    .map((f): Element => ({ kind: 'location', ...f })),
  fc.record({ url: nonEmpty, title: nonEmpty, content: fc.string(), image: fc.string() }).map((f): Element => ({ kind: 'share', ...f })),
  nonEmpty.map((forwardId): Element => ({ kind: 'forward', forwardId })),
  fc.uuid().map((filesetId): Element => ({ kind: 'flashtransfer', filesetId })),
  fc
    .record({
      msgId: fc.stringMatching(/^[0-9]{1,19}$/),
      elementId: fc.stringMatching(/^[0-9]{1,19}$/),
      name: nonEmpty,
      size: fc.nat(),
      isDir: fc.boolean(),
    })
    .map((f): Element => ({ kind: 'onlinefile', ...f })),
  fc
    .record({
      botAppid: fc.stringMatching(/^[1-9][0-9]{4,9}$/),
      rows: fc.array(
        fc.array(fc.record({ id: nonEmpty, label: nonEmpty, actionType: fc.constantFrom(0, 1, 2), data: fc.string() }), {
          minLength: 1,
          maxLength: 5,
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map((f): Element => ({ kind: 'keyboard', ...f })),
);

/** What parsing a received element should give back: the same content, media by Catnap's URL. */
function expectedDraft(element: Element): ElementDraft {
  switch (element.kind) {
    case 'image':
      return strip({
        kind: 'image',
        source: { uri: ctx.urls.media(element.media.blobId) },
        summary: element.summary,
        subType: element.subType,
        flash: element.flash,
      });
    case 'record':
    case 'video':
      return { kind: element.kind, source: { uri: ctx.urls.media(element.media.blobId) } };
    case 'file':
      return { kind: 'file', source: { uri: ctx.urls.media(element.media.blobId, element.media.name) } };
    case 'at':
      return { kind: 'at', target: element.target };
    case 'forward':
      return { kind: 'forward', forwardId: element.forwardId };
    default:
      return element as ElementDraft;
  }
}

function drafts(input: unknown): readonly ElementDraft[] {
  const content = parseMessage(input, options);
  if (content.kind !== 'elements') throw new Error('expected elements');
  return content.elements;
}

/** Adjacent text drafts joined, as the CQ string form cannot tell them apart. */
function mergeTexts(list: readonly ElementDraft[]): ElementDraft[] {
  const out: ElementDraft[] = [];
  for (const draft of list) {
    const last = out.at(-1);
    if (draft.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + draft.text };
    else out.push(draft);
  }
  return out;
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ActionError) return `${error.retcode} ${error.message}`;
    throw error;
  }
  return 'ok';
}

describe('CQ codes', () => {
  it('escape text (& [ ]) and parameter values (also ,) so any text survives a round trip', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (text, value) => {
        const segments = [
          { type: 'text', data: { text } },
          { type: 'share', data: { url: value, title: value } },
        ];
        expect(parseCq(toCq(segments))).toEqual(segments);
      }),
    );
    expect(
      toCq([
        { type: 'text', data: { text: 'a&[b],c' } },
        { type: 'x', data: { v: 'a&[b],c', empty: '', none: undefined } },
      ]),
    ).toBe('a&amp;&#91;b&#93;,c[CQ:x,v=a&amp;&#91;b&#93;&#44;c]');
  });
});

describe('segment codecs', () => {
  it('cover every element kind, one module each', () => {
    expect(new Set(segmentCodecs.map((codec) => codec.kind)).size).toBe(segmentCodecs.length);
    expect(segmentCodecs.map((codec) => codec.type).sort()).toEqual([
      'at',
      'contact',
      'dice',
      'face',
      'file',
      'flashtransfer',
      'forward',
      'image',
      'json',
      'keyboard',
      'location',
      'markdown',
      'mface',
      'music',
      'onlinefile',
      'poke',
      'record',
      'reply',
      'rps',
      'share',
      'text',
      'video',
      'xml',
    ]);
  });

  it('parse what they render, from the array form and from the CQ string form alike', () => {
    fc.assert(
      fc.property(elementArb, (element) => {
        const segments = elementsToSegments([element], ctx);
        expect(drafts(segments)).toEqual([expectedDraft(element)]);
        expect(drafts(toCq(segments))).toEqual([expectedDraft(element)]);
        expect(drafts(segments[0])).toEqual([expectedDraft(element)]);
      }),
      { numRuns: 500 },
    );
  });

  it('give whole messages the same content in string form as in array form', () => {
    fc.assert(
      fc.property(fc.array(elementArb, { minLength: 1, maxLength: 6 }), (elements) => {
        const { message, raw_message } = renderMessage(elements, 'array', ctx);
        expect(renderMessage(elements, 'string', ctx).message).toBe(raw_message);
        expect(mergeTexts(drafts(raw_message))).toEqual(mergeTexts(drafts(message)));
      }),
      { numRuns: 200 },
    );
  });

  it('render received media with NapCat’s fields and Catnap’s own URLs', () => {
    const media: MediaRef = { blobId: 'a'.repeat(64), name: 'cat.png', size: 68, mime: 'image/png' };
    const doc: MediaRef = { ...media, name: 'report final.pdf', mime: 'application/pdf' };
    expect(
      elementsToSegments(
        [
          { kind: 'image', media },
          { kind: 'file', media: doc, fileId: 'f-1' },
          { kind: 'record', media },
        ],
        ctx,
      ),
    ).toEqual([
      {
        type: 'image',
        data: {
          summary: '',
          file: `${'a'.repeat(64)}.png`,
          sub_type: 0,
          url: `http://catnap.test/media/${'a'.repeat(64)}`,
          file_size: '68',
        },
      },
      {
        type: 'file',
        data: {
          file: 'report final.pdf',
          file_id: 'f-1',
          file_size: '68',
          url: `http://catnap.test/media/${'a'.repeat(64)}?name=report%20final.pdf`,
        },
      },
      { type: 'record', data: { file: `${'a'.repeat(64)}.png`, url: `http://catnap.test/media/${'a'.repeat(64)}`, file_size: '68' } },
    ]);
    expect(
      renderMessage(
        [
          { kind: 'at', target: 20001, name: 'Alice' },
          { kind: 'text', text: ' hi [1]' },
          { kind: 'face', faceId: 14 },
        ],
        'string',
        ctx,
      ),
    ).toEqual({
      message: '[CQ:at,qq=20001] hi &#91;1&#93;[CQ:face,id=14]',
      raw_message: '[CQ:at,qq=20001] hi &#91;1&#93;[CQ:face,id=14]',
    });
  });
});

describe('the message param', () => {
  it('takes a segment array, one segment, or a CQ string; auto_escape makes a string plain text', () => {
    expect(drafts([{ type: 'text', data: { text: 'a' } }])).toEqual([{ kind: 'text', text: 'a' }]);
    expect(drafts({ type: 'face', data: { id: 14 } })).toEqual([{ kind: 'face', faceId: 14 }]);
    expect(drafts('hi[CQ:at,qq=all]')).toEqual([
      { kind: 'text', text: 'hi' },
      { kind: 'at', target: 'all' },
    ]);
    const escaped = parseMessage('[CQ:at,qq=all]', { ...options, autoEscape: true });
    expect(escaped).toEqual({ kind: 'elements', elements: [{ kind: 'text', text: '[CQ:at,qq=all]' }] });
    expect(drafts([{ type: 'dice' }])).toEqual([{ kind: 'dice' }]);
    expect(drafts([{ type: 'reply', data: { seq: '3' } }])).toEqual([{ kind: 'reply-seq', seq: 3 }]);
    expect(drafts([{ type: 'image', data: { file: 'base64://aGk=', url: '', path: '', type: 'flash', name: 'x.png' } }])).toEqual([
      { kind: 'image', source: { uri: 'base64://aGk=', name: 'x.png' }, flash: true },
    ]);
    expect(drafts([{ type: 'json', data: { data: { app: 'x' } } }])).toEqual([{ kind: 'json', data: '{"app":"x"}' }]);
  });

  it('fails the seed’s send_private_msg body with a 1400 naming the first bad segment', () => {
    const seed = [
      { data: { text: 'occaecat cupidatat' }, type: 'cupidatat ipsum' },
      { data: { text: 'sint in' }, type: 'quis ullamco ex consectetur' },
    ];
    expect(failure(() => parseMessage(seed, options))).toBe('1400 message[0]: unknown segment type "cupidatat ipsum"');
  });

  it('names the segment, index and field of malformed segments', () => {
    const cases: [unknown, string][] = [
      [
        [
          { type: 'text', data: { text: 'ok' } },
          { type: 'image', data: {} },
        ],
        'message[1] (image): data.file is required',
      ],
      [[{ type: 'face', data: { id: 'smile' } }], 'message[0] (face): data.id must be an integer between 0 and 100000 (got "smile")'],
      [[{ type: 'at', data: { qq: 'bob' } }], 'message[0] (at): data.qq must be "all" or a QQ number (got "bob")'],
      [[{ type: 'reply', data: {} }], 'message[0] (reply): data.id is required'],
      [[{ type: 'json', data: { data: '{oops' } }], 'message[0] (json): data.data is not valid JSON'],
      [
        [{ type: 'music', data: { type: 'spotify', id: '1' } }],
        'message[0] (music): data.type must be one of qq, 163, kugou, kuwo, migu, custom',
      ],
      [[{ type: 'music', data: { type: 'custom' } }], 'message[0] (music): data.url is required'],
      [[{ type: 'contact', data: { type: 'channel', id: 1 } }], 'message[0] (contact): data.type must be "qq" or "group"'],
      [[{ type: 'location', data: { lat: 100, lon: 0 } }], 'message[0] (location): data.lat must be a number between -90 and 90'],
      [[{ type: 'poke', data: { qq: 20001 } }], 'message[0] (poke): a poke segment with data.qq pokes a user'],
      [[{ type: 'dice', data: { result: 7 } }], 'message[0] (dice): data.result must be an integer between 1 and 6'],
      [[{ type: 'text', data: { text: { a: 1 } } }], 'message[0] (text): data.text must be a string'],
      [[{ type: 'text', data: 'x' }], 'message[0] (text): data must be an object'],
      [['hello'], 'message[0]: a segment is an object'],
      [[], 'message is empty'],
      [42, 'message must be a segment array, one segment, or a CQ string (got number 42)'],
      ['[CQ:face,id]', 'message: CQ code "[CQ:face,id]" has a parameter without a name=value'],
      [
        [
          { type: 'node', data: { content: 'x' } },
          { type: 'text', data: { text: 'y' } },
        ],
        'message: node segments cannot be mixed',
      ],
      [
        [{ type: 'node', data: { user_id: 1, nickname: 'n', content: [{ type: 'image', data: {} }] } }],
        'message[0].content[0] (image): data.file is required',
      ],
      [[{ type: 'node', data: { nickname: 'n' } }], 'message[0] (node): data.content is required'],
    ];
    for (const [input, expected] of cases) expect(failure(() => parseMessage(input, options))).toContain(`1400 ${expected}`);
  });

  it('builds merged forwards from nodes: by id, custom, nested up to three levels', () => {
    const nested = parseMessage(
      [
        { type: 'node', data: { id: '42' } },
        { type: 'node', data: { uin: '20001', name: 'Alice', content: '[CQ:face,id=1]', time: 5 } },
        { type: 'node', data: { content: [{ type: 'node', data: { nickname: 'In', content: 'deep' } }], summary: 'inner' } },
      ],
      { ...options, card: { prompt: 'p' } },
    );
    expect(nested).toEqual({
      kind: 'forward',
      card: { prompt: 'p' },
      nodes: [
        { kind: 'ref', messageId: 42 },
        {
          kind: 'custom',
          userId: 20001,
          nickname: 'Alice',
          time: 5,
          content: { kind: 'elements', elements: [{ kind: 'face', faceId: 1 }] },
        },
        {
          kind: 'custom',
          userId: 10001,
          nickname: 'QQ用户',
          content: {
            kind: 'forward',
            card: { summary: 'inner' },
            nodes: [
              { kind: 'custom', userId: 10001, nickname: 'In', content: { kind: 'elements', elements: [{ kind: 'text', text: 'deep' }] } },
            ],
          },
        },
      ],
    });
    const node = (content: unknown) => [{ type: 'node', data: { content } }];
    expect(failure(() => parseMessage(node(node(node('ok'))), options))).toBe('ok');
    expect(failure(() => parseMessage(node(node(node(node('too deep')))), options))).toContain(
      '1400 message[0].content[0].content[0].content: merged forwards nest at most 3 levels deep',
    );
  });
});
