import { describe, expect, it } from 'vitest';
import { BotUnderLoad } from '../../src/app/load/bot-under-load.js';
import { Recorder } from '../../src/app/load/recorder.js';

const group = 1900000001;
const person = 1800000001;
const socket = { url: 'ws://127.0.0.1:3001/', token: undefined, adapter: 'websocketServers "ws"' };

/** A bot of a run whose measuring starts at `started` (a warm-up before it). */
function bot(started = 0): { bot: BotUnderLoad; recorder: Recorder } {
  const recorder = new Recorder(started);
  const watched = new BotUnderLoad(10001, socket, { groupIds: new Set([group]), userIds: new Set([person]) });
  watched.timeInto(recorder);
  return { bot: watched, recorder };
}

describe('one bot of a load run', () => {
  it("times a delivery whichever comes first, the event or the send's answer", () => {
    const { bot: watched, recorder } = bot();
    watched.stored(1, 100);
    watched.seen({ messageId: 1, groupId: group, userId: person, at: 103 });
    // The event beat the admin API's answer naming the message's id.
    watched.seen({ messageId: 2, groupId: group, userId: person, at: 210 });
    watched.stored(2, 200);
    watched.stored(3, 300);
    expect(watched.section(false)).toMatchObject({ delivered: 2, lost: 1, delivery_ms: { count: 2, p50: 3, max: 10 } });
    expect(recorder.delivery.count).toBe(2);
  });

  it("counts only the run's people in the run's groups", () => {
    const { bot: watched } = bot();
    watched.seen({ messageId: 1, groupId: group, userId: 10002, at: 5 }); // another bot's answer
    watched.seen({ messageId: 2, groupId: 42, userId: person, at: 5 }); // another group
    expect(watched.delivered).toBe(0);
  });

  it('matches answers to the oldest message waiting in their group, skipping sends that failed', () => {
    const { bot: watched, recorder } = bot();
    const failed = watched.expectAnswer(group, 100);
    watched.expectAnswer(group, 200);
    watched.expectAnswer(group, 300);
    watched.sendFailed(failed);
    expect(watched.expected).toBe(2);
    expect(watched.answersDue).toBe(2);
    watched.answered({ groupId: group, at: 250 });
    watched.answered({ groupId: group, at: 390 });
    watched.answered({ groupId: group, at: 400 }); // nothing waits any more
    watched.answered({ groupId: 42, at: 400 }); // not the run's group: not counted at all
    expect(watched.answersDue).toBe(0);
    expect(watched.section(true)).toMatchObject({
      expected_replies: 2,
      replies: 2,
      unexpected_replies: 1,
      reply_rate: 1,
      reply_ms: { count: 2, p50: 50, max: 90 },
    });
    expect(recorder.reply.count).toBe(2);
  });

  it('reports its calls only when they were watched, and its largest backlog', () => {
    const { bot: unwatched } = bot();
    expect(unwatched.section(false)).toMatchObject({ calls: null, failed_calls: null, calls_by_action: null, reply_rate: null });
    const { bot: watched } = bot();
    watched.watchCalls();
    watched.called({ action: 'send_group_msg', retcode: 0 });
    watched.called({ action: 'send_group_msg', retcode: 1200 });
    // Retcode 1: an `_async` call, accepted; not a failure.
    watched.called({ action: 'send_group_msg_async', retcode: 1 });
    watched.backlog(512);
    watched.backlog(64);
    expect(watched.section(false)).toMatchObject({
      calls: 3,
      failed_calls: 1,
      calls_by_action: [
        { action: 'send_group_msg', calls: 2, failed: 1, failed_by_retcode: { '1200': 1 } },
        { action: 'send_group_msg_async', calls: 1, failed: 0, failed_by_retcode: {} },
      ],
      max_backlog_bytes: 512,
    });
  });

  it('leaves the warm-up out, whenever its events and answers come, and still matches answers in order', () => {
    const { bot: watched, recorder } = bot(1000); // the warm-up ends at 1000
    watched.stored(1, 900); // a warm-up message, seen after the warm-up ended
    watched.seen({ messageId: 1, groupId: group, userId: person, at: 1005 });
    watched.stored(2, 950); // a warm-up message never seen
    watched.seen({ messageId: 3, groupId: group, userId: person, at: 1010 }); // a measured one, its event first
    watched.stored(3, 1001);
    watched.stored(4, 1003); // a measured one never seen
    const failedInWarmUp = watched.expectAnswer(group, 920);
    watched.expectAnswer(group, 990);
    watched.expectAnswer(group, 1002);
    watched.sendFailed(failedInWarmUp);
    expect(watched.expected).toBe(1);
    expect(watched.answersDue).toBe(2);
    // The answer to the warm-up's command comes first: it must not be taken for the measured one's.
    watched.answered({ groupId: group, at: 1020 });
    watched.answered({ groupId: group, at: 1030 });
    expect(watched.answersDue).toBe(0);
    expect(watched.section(true)).toMatchObject({
      delivered: 1,
      lost: 1,
      delivery_ms: { count: 1, max: 9 },
      expected_replies: 1,
      replies: 1,
      unexpected_replies: 0,
      reply_rate: 1,
      reply_ms: { count: 1, max: 28 },
    });
    expect(watched.warmUpUnseen).toBe(1);
    expect([recorder.delivery.count, recorder.reply.count]).toEqual([1, 1]);
  });

  it('counts no call of the warm-up', () => {
    const { bot: watched } = bot(performance.now() + 60_000); // warming up for another minute
    watched.watchCalls();
    watched.called({ action: 'send_group_msg', retcode: 0 });
    expect(watched.section(false)).toMatchObject({ calls: 0, failed_calls: 0, calls_by_action: [] });
  });
});

describe('the recorder of a load run', () => {
  const activity = (calls: number, disconnects: Record<string, number> = {}) => ({
    calls,
    errors: 1,
    backlogBytes: 100,
    backlogByBot: new Map(),
    postQueue: 0,
    disconnects,
  });

  it('counts the warm-up apart, and starts its seconds when the warm-up ends', () => {
    const recorder = new Recorder(1000);
    recorder.sentOne(100);
    recorder.sentOne(999);
    recorder.sendFailed(999, 'timeout');
    recorder.sendAnswered(999, 1200);
    recorder.sentOne(1000);
    recorder.sentOne(2500);
    recorder.sendFailed(2500, 'timeout');
    recorder.sendAnswered(1000, 1004);
    recorder.delivered(999, 1001);
    recorder.delivered(1000, 1003);
    recorder.replied(998, 1100);
    recorder.botActivity(900, activity(7, { too_slow: 1 })); // a scrape during the warm-up
    recorder.warmUpEnded(activity(3, { peer: 1 })); // the scrape that ends it
    recorder.botActivity(2100, activity(5));
    expect([recorder.warmUpSent, recorder.warmUpSendErrors]).toEqual([2, 1]);
    expect([recorder.sent, recorder.sendErrors, Object.fromEntries(recorder.sendErrorKinds)]).toEqual([2, 1, { timeout: 1 }]);
    expect([recorder.sendLatency.count, recorder.delivery.count, recorder.reply.count]).toEqual([1, 1, 0]);
    expect([recorder.botCalls, recorder.botErrors]).toEqual([5, 1]);
    // The clients that went away count whenever they went.
    expect(Object.fromEntries(recorder.botDisconnects)).toEqual({ too_slow: 1, peer: 1 });
    expect(recorder.timeline().map((second) => [second.t, second.sent, second.delivered, second.bot_calls])).toEqual([
      [0, 1, 1, 0],
      [1, 1, 0, 5],
    ]);
  });
});
