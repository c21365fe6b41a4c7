import { BotUnderLoad } from '../../src/app/load/bot-under-load.js';
import { writeReport } from '../../src/app/load/report-files.js';
import { buildReport, type LoadReport } from '../../src/app/load/load-report.js';
import type { LoadLimits } from '../../src/app/load/load-limits.js';
import { Recorder } from '../../src/app/load/recorder.js';

/** How a sample run went: 50 messages to bot 10001 by default, without limits or warm-up. */
export interface SampleRun {
  readonly messages?: number;
  /** That many messages in each second instead, spread over it. */
  readonly perSecond?: readonly number[];
  readonly selfIds?: readonly number[];
  readonly limits?: LoadLimits;
  /** Seconds of warm-up the options name (the sample's messages are all measured). */
  readonly warmUpS?: number;
}

/**
 * Writes a real report (from a recorder and bots fed with `messages` messages) into
 * `<dir>/<name>/`, as `catnap load` would: one message every 40 ms, or with `perSecond` that many
 * in each second. Each bot gets every message and answers one in five.
 */
export async function writeSampleReport(
  dir: string,
  name: string,
  startedAt: string,
  { messages = 50, perSecond, selfIds = [10001], limits = {}, warmUpS = 0 }: SampleRun = {},
): Promise<LoadReport> {
  const recorder = new Recorder(0);
  const [groupId, userId] = [1900000001, 1800000001];
  const bots = selfIds.map((selfId, index) => {
    const socket = { url: `ws://127.0.0.1:${3001 + index}/`, token: undefined, adapter: 'websocketServers "ws"' };
    const bot = new BotUnderLoad(selfId, socket, { groupIds: new Set([groupId]), userIds: new Set([userId]) });
    bot.timeInto(recorder);
    return bot;
  });
  const times = perSecond
    ? perSecond.flatMap((count, second) => Array.from({ length: count }, (_, k) => second * 1000 + (k * 1000) / count))
    : undefined;
  for (let i = 0; i < (times?.length ?? messages); i++) {
    const sentAt = times?.[i] ?? i * 40;
    recorder.sentOne(sentAt);
    bots.forEach((bot, index) => {
      bot.stored(i + 1, sentAt);
      bot.seen({ messageId: i + 1, groupId, userId, at: sentAt + 0.5 + (i % 7) + index });
      if (i % 5 === 0) {
        bot.expectAnswer(groupId, sentAt);
        bot.answered({ groupId, at: sentAt + 3 + (i % 11) + index });
      }
    });
  }
  recorder.botActivity(1000, { calls: 10, errors: 0, backlogBytes: 0, backlogByBot: new Map(), postQueue: 0, disconnects: {} });
  const report = buildReport({
    options: {
      selfIds,
      groups: 3,
      users: 12,
      rate: 25,
      durationMs: 2000,
      ramp: false,
      warmUpMs: warmUpS * 1000,
      pattern: { kind: 'mixed', text: '/ping' },
      expectReply: true,
      userBase: 1800000001,
      groupBase: 1900000001,
      seed: 1,
      graceMs: 1000,
      waitBotMs: 1000,
      maxInFlight: 512,
      limits,
    },
    startedAt: new Date(startedAt),
    sendingMs: perSecond ? perSecond.length * 1000 : 2000,
    recorder,
    bots,
    behind: 0,
    liveDropped: 0,
    target: 'http://127.0.0.1:6099',
    // The ten calls of the activity above.
    callsByAction: [{ action: 'send_group_msg', calls: 10, failed: 0, failed_by_retcode: {} }],
  });
  await writeReport(`${dir}/${name}`, report);
  return report;
}
