import { writeReport } from '../../src/app/load/report-files.js';
import { buildReport, type LoadReport } from '../../src/app/load/load-report.js';
import { Recorder } from '../../src/app/load/recorder.js';

/**
 * Writes a real report (from a recorder fed with `messages` messages) into `<dir>/<name>/`, as
 * `catnap load` would: one message every 40 ms, or with `perSecond` that many in each second.
 */
export async function writeSampleReport(
  dir: string,
  name: string,
  startedAt: string,
  messages = 50,
  perSecond?: readonly number[],
): Promise<LoadReport> {
  const recorder = new Recorder(0);
  const times = perSecond
    ? perSecond.flatMap((count, second) => Array.from({ length: count }, (_, k) => second * 1000 + (k * 1000) / count))
    : undefined;
  for (let i = 0; i < (times?.length ?? messages); i++) {
    const sentAt = times?.[i] ?? i * 40;
    recorder.sentOne(sentAt);
    recorder.delivered(sentAt, sentAt + 0.5 + (i % 7));
    if (i % 5 === 0) recorder.replied(sentAt, sentAt + 3 + (i % 11));
  }
  recorder.botActivity(1000, { calls: 10, errors: 0, backlogBytes: 0, postQueue: 0, disconnects: {} });
  const report = buildReport({
    options: {
      selfId: 10001,
      groups: 3,
      users: 12,
      rate: 25,
      durationMs: 2000,
      ramp: false,
      pattern: { kind: 'mixed', text: '/ping' },
      expectReply: true,
      userBase: 1800000001,
      groupBase: 1900000001,
      seed: 1,
      graceMs: 1000,
      waitBotMs: 1000,
      maxInFlight: 512,
    },
    startedAt: new Date(startedAt),
    sendingMs: perSecond ? perSecond.length * 1000 : 2000,
    recorder,
    delivered: times?.length ?? messages,
    lost: 0,
    expected: 10,
    unexpectedAnswers: 0,
    behind: 0,
    socket: { url: 'ws://127.0.0.1:3001/', adapter: 'websocketServers "ws"' },
    liveDropped: 0,
    target: 'http://127.0.0.1:6099',
  });
  await writeReport(`${dir}/${name}`, report);
  return report;
}
