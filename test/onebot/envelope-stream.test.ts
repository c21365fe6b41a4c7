import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeInDialect } from '../../src/onebot/dialect.js';
import { failed, ok, queued, withStream, type Envelope } from '../../src/onebot/envelope.js';

/** The mark as a spread writes it: the reference `withStream` is held to, key order included. */
const spread = (envelope: Envelope, stream: string, data?: unknown): unknown =>
  data === undefined ? { ...envelope, stream } : { ...envelope, data, stream };

describe("NapCat's stream mark", () => {
  it('is the envelope with `stream` added, every field and their order as a spread gives them', () => {
    const envelopes = fc.oneof(
      fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([data, echo]) => ok(data, echo)),
      fc.jsonValue().map((echo) => queued(echo)),
      fc
        .tuple(fc.integer({ min: 100, max: 1500 }), fc.string(), fc.jsonValue())
        .map(([retcode, message, echo]) => failed(retcode, message, echo)),
      fc.string().map((echo): Envelope => ({ ...failed(404, 'API不存在', echo), msg: 'API_NOT_FOUND' })),
    );
    fc.assert(
      fc.property(
        envelopes,
        fc.constantFrom('normal-action', 'stream-action') as fc.Arbitrary<'normal-action' | 'stream-action'>,
        (envelope, stream) => {
          expect(JSON.stringify(withStream(envelope, stream))).toBe(JSON.stringify(spread(envelope, stream)));
          const packet = { type: 'error', data_type: 'error' };
          expect(JSON.stringify(withStream(envelope, stream, packet))).toBe(JSON.stringify(spread(envelope, stream, packet)));
        },
      ),
    );
  });

  it('marks replies in the NapCat dialect only, and leaves a mark already there', () => {
    const answer = ok({ message_id: 7 }, 'e');
    expect(envelopeInDialect(answer, 'napcat')).toEqual({ ...answer, stream: 'normal-action' });
    expect(envelopeInDialect(answer, 'llbot')).toBe(answer);
    const streamed = withStream(answer, 'stream-action');
    expect(envelopeInDialect(streamed, 'napcat')).toBe(streamed);
  });
});
