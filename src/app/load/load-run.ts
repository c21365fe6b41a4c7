import type { CatnapClient } from '../remote/catnap-client.js';
import { ActSender, SendError } from './act-sender.js';
import { findBotSocket, waitForBot } from './bot-socket.js';
import { expectsAnswer, type LoadOptions } from './load-options.js';
import { planGroups, prepareWorld } from './load-world.js';
import { MessageMix } from './message-mix.js';
import { MetricsProbe } from './metrics-probe.js';
import { Recorder } from './recorder.js';
import { buildReport, progressLine, type LoadReport } from './load-report.js';
import { ReplyWatcher } from './reply-watcher.js';
import { SocketObserver } from './socket-observer.js';

/** A message sent and not yet seen on the bot's socket. */
interface InFlight {
  readonly sentAt: number;
}

/** A message the bot is expected to answer, waiting for its answer in its group. */
interface Awaiting {
  readonly sentAt: number;
  failed: boolean;
}

/** Where the run reports progress (once a second) while it runs. */
export interface LoadProgress {
  (line: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One load run: prepares the groups and people, watches the bot's socket (and its answers on the
 * live socket with `expectReply`), sends at the rate for the duration, waits a grace period for
 * what is still on its way, and reports. Times are taken with `performance.now()` in this process:
 * a message's latency runs from the moment the generator starts sending it.
 */
export async function runLoad(client: CatnapClient, options: LoadOptions, progress: LoadProgress): Promise<LoadReport> {
  const plan = planGroups(options);
  const startedAt = new Date();
  await prepareWorld(client, options, plan);
  // Checked before the run's own watcher connects, which would count as a client.
  if (!(await waitForBot(client, options.selfId, options.waitBotMs))) {
    progress(`no client is connected to bot ${options.selfId}'s adapters after ${options.waitBotMs / 1000} s; sending anyway`);
  }
  const socket = options.observeUrl
    ? { url: options.observeUrl, token: options.observeToken, adapter: '--observe' }
    : await findBotSocket(client, options.selfId);
  const observer = await SocketObserver.open(socket.url, options.observeToken ?? socket.token);
  const replies = options.expectReply ? await ReplyWatcher.connect(client.liveUrl(['call'], options.selfId), options.selfId) : undefined;
  const probe = await MetricsProbe.start(client, options.selfId);
  const sender = new ActSender(client.connection.url, client.connection.token);
  const groupIds = new Set(plan.groups.map((group) => group.groupId));

  const start = performance.now();
  const recorder = new Recorder(start);
  const sent = new Map<number, InFlight>();
  const early = new Map<number, number>();
  const awaiting = new Map<number, Awaiting[]>();
  let delivered = 0;
  let unexpectedAnswers = 0;
  let expected = 0;

  observer.onMessage = (message) => {
    if (!groupIds.has(message.groupId) || !plan.userIds.has(message.userId)) return;
    delivered++;
    const entry = sent.get(message.messageId);
    if (entry) {
      sent.delete(message.messageId);
      recorder.delivered(entry.sentAt, message.at);
    } else {
      early.set(message.messageId, message.at); // the event beat the send's HTTP answer
    }
  };
  if (replies) {
    replies.onSend = (send) => {
      const queue = awaiting.get(send.groupId);
      while (queue && queue.length > 0 && queue[0]!.failed) queue.shift();
      const answered = queue?.shift();
      if (answered) recorder.replied(answered.sentAt, send.at);
      else if (groupIds.has(send.groupId)) unexpectedAnswers++;
    };
  }

  const mix = new MessageMix(options.pattern, plan.groups, options.seed);
  let inFlight = 0;
  let launched = 0;
  const settled = new Set<Promise<void>>();
  const launch = () => {
    const message = mix.next();
    const sentAt = performance.now();
    recorder.sentOne(sentAt);
    launched++;
    inFlight++;
    let waiting: Awaiting | undefined;
    if (options.expectReply && expectsAnswer(options.pattern, message.isCommand)) {
      waiting = { sentAt, failed: false };
      expected++;
      const queue = awaiting.get(message.groupId) ?? [];
      queue.push(waiting);
      awaiting.set(message.groupId, queue);
    }
    const done: Promise<void> = sender.sendGroupText(message.userId, message.groupId, message.text).then(
      (messageId) => {
        recorder.sendLatency.add(performance.now() - sentAt);
        const seenAt = early.get(messageId);
        if (seenAt !== undefined) {
          early.delete(messageId);
          recorder.delivered(sentAt, seenAt);
        } else {
          sent.set(messageId, { sentAt });
        }
      },
      (error: unknown) => {
        recorder.sendFailed(sentAt, error instanceof SendError ? error.message : String(error));
        if (waiting) {
          waiting.failed = true;
          expected--;
        }
      },
    );
    settled.add(done);
    void done.finally(() => {
      inFlight--;
      settled.delete(done);
    });
  };

  // Once a second: read the metrics and print the progress line, without holding up the sends.
  let lastSecond = 0;
  let probing: Promise<void> = Promise.resolve();
  const tick = (now: number) => {
    const second = Math.floor((now - start) / 1000);
    if (second === lastSecond) return;
    lastSecond = second;
    probing = probing.then(async () => {
      const activity = await probe.read().catch(() => undefined);
      if (activity) recorder.botActivity(performance.now(), activity);
      progress(progressLine(recorder, performance.now(), options, { delivered, expected, elapsedS: second, pending: sent.size }));
    });
  };

  const dueBy = (elapsed: number) => {
    const t = Math.min(elapsed, options.durationMs) / 1000;
    if (!options.ramp) return Math.floor(options.rate * t);
    const from = options.rate / 10;
    return Math.floor(from * t + ((options.rate - from) * t * t) / (2 * (options.durationMs / 1000)));
  };
  let behind = 0;
  for (;;) {
    const now = performance.now();
    const elapsed = now - start;
    if (elapsed >= options.durationMs) break;
    const due = dueBy(elapsed);
    while (launched < due && inFlight < options.maxInFlight) launch();
    behind = Math.max(behind, due - launched);
    tick(now);
    await sleep(1);
  }
  const sendingMs = performance.now() - start;
  await Promise.all([...settled]);
  // Grace: wait for the events and answers still on their way, and stop early once all are in.
  const graceEnd = performance.now() + options.graceMs;
  while (performance.now() < graceEnd) {
    const pendingAnswers = [...awaiting.values()].reduce((sum, queue) => sum + queue.filter((entry) => !entry.failed).length, 0);
    if (sent.size === 0 && pendingAnswers === 0) break;
    tick(performance.now());
    await sleep(20);
  }
  await probing;
  const last = await probe.read().catch(() => undefined);
  if (last) recorder.botActivity(performance.now(), last);
  observer.close();
  replies?.close();
  await sender.close();

  return buildReport({
    options,
    startedAt,
    sendingMs,
    recorder,
    delivered,
    lost: sent.size,
    expected,
    unexpectedAnswers,
    behind,
    socket: { url: socket.url, adapter: socket.adapter },
    liveDropped: replies?.dropped ?? 0,
    target: client.connection.url,
  });
}
