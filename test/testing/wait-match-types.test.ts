import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TranscriptEntryFields } from '../../src/contract/admin/transcript-entries.js';
import { describeMatch } from '../../src/app/testing/describe-entries.js';
import type { WaitMatch, WaitMatchOf } from '../../src/app/testing/index.js';

/**
 * `WaitMatch` takes any field the contract declares for the kind's entries (the server matches on
 * any field), and refuses fields no entry of the kind has. `npm run typecheck` checks this file:
 * an `@ts-expect-error` that stops erroring, or a match that stops compiling, fails it.
 */
describe('WaitMatch typing', () => {
  it("takes each kind's entry fields without a cast", () => {
    const matches: WaitMatch[] = [
      { kind: 'notice', notice_type: 'group_ban', sub_type: 'ban', group_id: 30001, duration: 60 },
      { kind: 'notice', notice_type: 'notify', sub_type: 'poke', target_id: 10001 },
      { kind: 'request', request_type: 'group', comment: 'hi', invitor_id: 20001 },
      { kind: 'call', action: 'send_group_msg', retcode: 0, transport: 'ws', params: { group_id: 30001 } },
      { kind: 'message', from: 10001, segments: [{ type: 'image' }], plain: 'pong' },
      { kind: 'reaction', emoji_id: '76', is_add: true },
      { kind: 'fault', rule_id: 1, event: 'message', retcode: 1200 },
      { kind: 'clock', to_ms: 1000 },
      { kind: 'extra', source: 'load', anything: { of: 'its own' } },
    ];
    expect(describeMatch(matches[0]!)).toBe('a group_ban/ban notice in group 30001 with duration=60');
    expectTypeOf<WaitMatchOf<'notice'>['duration']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<WaitMatchOf<'reaction'>['is_add']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<WaitMatch['kind']>().toEqualTypeOf<keyof TranscriptEntryFields>();
  });

  it('refuses fields no entry of the kind has, and values of the wrong type', () => {
    const refused: WaitMatch[] = [
      // @ts-expect-error no transcript entry has a `colour`
      { kind: 'notice', notice_type: 'group_ban', colour: 'red' },
      // @ts-expect-error a clock entry has no duration (a notice does)
      { kind: 'clock', duration: 60 },
      // @ts-expect-error duration is a number of seconds
      { kind: 'notice', duration: '60' },
      // @ts-expect-error no such kind
      { kind: 'upload' },
    ];
    expect(refused).toHaveLength(4);
  });
});
