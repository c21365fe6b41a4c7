import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const tag = 'bench';

const kinds = ['message', 'recall', 'reaction', 'notice', 'request', 'call', 'fault', 'clock', 'mark', 'restore', 'extra'] as const;

/**
 * One entry of the transcript. Always `seq`, `time` (the world's, unix ms), `kind` and `line` (the
 * text form); then the fields of its kind, declared in transcript-entries.ts (message `message_id,
 * from, group_id | user_id, segments, text, plain`; call `self_id, transport, action, params,
 * status, retcode`; notice `notice_type, sub_type?, ...`; and so on).
 */
export const TranscriptEntryView = Type.Object(
  {
    seq: Type.Integer(),
    time: Type.Integer({ description: "The world's time (unix milliseconds)" }),
    kind: Type.Union(kinds.map((kind) => Type.Literal(kind))),
    line: Type.String({ description: 'The entry in the compact text form (without its time)' }),
  },
  { additionalProperties: true },
);
export type TranscriptEntryView = Static<typeof TranscriptEntryView>;

/** A position in the transcript: the string a mark returned (an integer as a string or number). */
const Position = Type.Union([Type.String({ pattern: '^\\d+$' }), Type.Integer({ minimum: 0 })], {
  description: 'A mark (what POST /api/world/marks returned) or any entry seq',
});

const Match = Type.Object(
  {
    kind: Type.Union(kinds.map((kind) => Type.Literal(kind))),
    from: Type.Optional(Type.Integer({ description: 'message: the sender' })),
    group_id: Type.Optional(Type.Integer()),
    user_id: Type.Optional(Type.Integer({ description: 'message: either side of a private chat; others: the field' })),
    text: Type.Optional(Type.String({ maxLength: 1000, description: 'message: a substring of its CQ text or plain text' })),
    regex: Type.Optional(Type.String({ maxLength: 1000, description: 'message: a JavaScript regular expression tested on the same' })),
    self_id: Type.Optional(Type.Integer({ description: 'call, fault: the calling account' })),
    rule_id: Type.Optional(Type.Integer({ description: 'fault: the rule that fired' })),
    effect: Type.Optional(Type.String({ maxLength: 50, description: 'fault: the effect (fail, delay, no_reply, disconnect)' })),
    action: Type.Optional(Type.String({ maxLength: 200 })),
    params: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'call: a subset of its params' })),
    notice_type: Type.Optional(Type.String({ maxLength: 200 })),
    sub_type: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true, description: 'The entry fields to match; any other field must equal the entry’s' },
);

export const WaitAnswer = Type.Object({
  matched: Type.Array(TranscriptEntryView),
  next: Type.String({ description: 'Where the next wait may start: the last matched entry (or the head for `none`)' }),
});

/**
 * Marks, the transcript and waits: what a test reads to see what a bot did. See
 * docs/testing.md.
 */
export const transcriptApi = {
  addMark: defineRoute({
    method: 'POST',
    url: '/api/world/marks',
    summary: 'Mark the transcript here: read or wait from the mark with `since`',
    tag,
    body: Type.Optional(Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })),
    response: Type.Object({ mark: Type.String(), time: Type.Integer({ description: "The world's time (unix ms)" }) }),
    status: 201,
  }),
  getTranscript: defineRoute({
    method: 'GET',
    url: '/api/world/transcript',
    summary:
      'What happened since a mark, in order: messages, recalls, reactions, notices, requests, every call of any account (OneBot, and Milky as transport "milky"), ' +
      'clock jumps and restores. `format=text`: one line per entry, times relative to the mark (text/plain)',
    tag,
    query: Type.Object({
      since: Type.Optional(Position),
      format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('text')])),
    }),
    response: Type.Object({
      entries: Type.Array(TranscriptEntryView),
      head: Type.String({ description: 'The last entry’s seq: a mark for "from now on"' }),
      dropped: Type.Boolean({
        description: 'True when entries after `since` were already let go (the transcript keeps the latest 10,000)',
      }),
    }),
  }),
  wait: defineRoute({
    method: 'POST',
    url: '/api/world/wait',
    summary:
      'Answer as soon as `count` entries after `since` (default: now) match; 408 after `timeout_ms` with the entries that came closest. ' +
      '`none: true` waits the whole timeout and succeeds if nothing matched (409 with the match otherwise)',
    tag,
    body: Type.Object(
      {
        since: Type.Optional(Position),
        match: Match,
        count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        none: Type.Optional(Type.Boolean()),
        timeout_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000, default: 5000 })),
      },
      { additionalProperties: false },
    ),
    response: WaitAnswer,
  }),
};
