import type { CatnapClient } from '../remote/catnap-client.js';
import { ActSender, SendError } from './act-sender.js';
import { findBotSocket, waitForBot } from './bot-socket.js';
import { BotUnderLoad, type Awaiting } from './bot-under-load.js';
import { expectsAnswer, type LoadOptions } from './load-options.js';
import { planGroups, prepareWorld, type LoadGroups } from './load-world.js';
import { MessageMix } from './message-mix.js';
import { MetricsProbe } from './metrics-probe.js';
import { Recorder } from './recorder.js';
import { messagesDueBy } from './send-schedule.js';
import { buildReport, progressLine, type LoadReport } from './load-report.js';
import { ReplyWatcher } from './reply-watcher.js';
import { SocketObserver } from './socket-observer.js';

/** Where the run reports progress (once a second) while it runs. */
export interface LoadProgress {
  (line: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bots of a run, each with what watches it, and how many live frames their watchers missed. */
interface Watched {
  readonly bots: readonly BotUnderLoad[];
  readonly liveDropped: () => number;
}

/**
 * One load run: prepares the groups and people, watches each bot's socket (and its calls and
 * answers on the live socket, with `expectReply` or several bots), sends at the rate for the
 * warm-up and the duration, waits a grace period for what is still on its way, and reports what
 * happened to the messages sent after the warm-up. Times are taken with
 * `performance.now()` in this process: a message's latency runs from the moment the generator
 * starts sending it.
 */
export async function runLoad(client: CatnapClient, options: LoadOptions, progress: LoadProgress): Promise<LoadReport> {
  const plan = planGroups(options);
  const startedAt = new Date();
  await prepareWorld(client, options, plan);
  // Checked before the run's own watchers connect, which would count as clients.
  for (const selfId of options.selfIds) {
    if (!(await waitForBot(client, selfId, options.waitBotMs))) {
      progress(`no client is connected to bot ${selfId}'s adapters after ${options.waitBotMs / 1000} s; sending anyway`);
    }
  }
  const closers: (() => void)[] = [];
  try {
    const watched = await watchBots(client, options, plan, closers);
    return await sendAndWatch(client, options, plan, watched, startedAt, progress);
  } finally {
    for (const close of closers) close();
  }
}

/**
 * Connects each bot's watchers: its socket (or `--observe`), and its live call stream when the
 * run times answers, or has several bots (the metrics cannot tell their calls apart).
 */
async function watchBots(client: CatnapClient, options: LoadOptions, plan: LoadGroups, closers: (() => void)[]): Promise<Watched> {
  const run = { groupIds: new Set(plan.groups.map((group) => group.groupId)), userIds: plan.userIds };
  const watchCalls = options.expectReply || options.selfIds.length > 1;
  const bots: BotUnderLoad[] = [];
  const streams: ReplyWatcher[] = [];
  for (const selfId of options.selfIds) {
    const socket = options.observeUrl
      ? { url: options.observeUrl, token: options.observeToken, adapter: '--observe' }
      : await findBotSocket(client, selfId);
    const bot = new BotUnderLoad(selfId, socket, run);
    const observer = await SocketObserver.open(socket.url, options.observeToken ?? socket.token);
    closers.push(() => observer.close());
    observer.onMessage = (message) => bot.seen(message);
    if (watchCalls) {
      const calls = await ReplyWatcher.connect(client.liveUrl(['call'], selfId), selfId);
      closers.push(() => calls.close());
      streams.push(calls);
      bot.watchCalls();
      calls.onCall = (call) => bot.called(call);
      if (options.expectReply) calls.onSend = (send) => bot.answered(send);
    }
    bots.push(bot);
  }
  return { bots, liveDropped: () => streams.reduce((sum, stream) => sum + stream.dropped, 0) };
}

/**
 * Sends at the rate for the warm-up and the duration, waits out the grace period for late events
 * and answers, and reports. The warm-up is the same traffic, uninterrupted (a pause before
 * measuring would let everything cool down again); the recorder and the bots leave its messages
 * out, whenever their events and answers arrive.
 */
async function sendAndWatch(
  client: CatnapClient,
  options: LoadOptions,
  plan: LoadGroups,
  { bots, liveDropped }: Watched,
  startedAt: Date,
  progress: LoadProgress,
): Promise<LoadReport> {
  const probe = await MetricsProbe.start(client, options.selfIds);
  const sender = new ActSender(client.liveUrl(['none']));
  const start = performance.now();
  const recorder = new Recorder(start + options.warmUpMs);
  for (const bot of bots) bot.timeInto(recorder);
  const total = (count: (bot: BotUnderLoad) => number) => bots.reduce((sum, bot) => sum + count(bot), 0);

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
    // Every bot is to answer every command.
    const waiting: Awaiting[] =
      options.expectReply && expectsAnswer(options.pattern, message.isCommand)
        ? bots.map((bot) => bot.expectAnswer(message.groupId, sentAt))
        : [];
    const done: Promise<void> = sender.sendGroupText(message.userId, message.groupId, message.text).then(
      (messageId) => {
        recorder.sendAnswered(sentAt, performance.now());
        for (const bot of bots) bot.stored(messageId, sentAt);
      },
      (error: unknown) => {
        recorder.sendFailed(sentAt, error instanceof SendError ? error.message : String(error));
        waiting.forEach((entry, index) => bots[index]!.sendFailed(entry));
      },
    );
    settled.add(done);
    void done.finally(() => {
      inFlight--;
      settled.delete(done);
    });
  };

  // Once a second: read the metrics and print the progress line, without holding up the sends.
  // Seconds count from the end of the warm-up (negative during it).
  const secondOf = (at: number) => Math.floor((at - recorder.started) / 1000);
  let lastSecond = secondOf(start);
  let probing: Promise<void> = Promise.resolve();
  const observe = async () => {
    // A scrape asked for during the warm-up is the warm-up's, whenever its answer comes.
    const at = performance.now();
    const activity = await probe.read().catch(() => undefined);
    if (!activity) return;
    recorder.botActivity(at, activity);
    if (recorder.measures(at)) for (const bot of bots) bot.backlog(activity.backlogByBot.get(bot.selfId) ?? 0);
  };
  const tick = (now: number) => {
    const second = secondOf(now);
    if (second === lastSecond) return;
    lastSecond = second;
    probing = probing.then(async () => {
      await observe();
      const counts = {
        delivered: total((bot) => bot.delivered),
        expected: total((bot) => bot.expected),
        elapsedS: second,
        pending: total((bot) => bot.unseen),
      };
      progress(progressLine(recorder, performance.now(), options, counts));
    });
  };

  // The calls by action count from the end of the warm-up: a scrape in the chain of the others.
  const endWarmUp = async () => {
    const activity = await probe.read().catch(() => undefined);
    if (activity) recorder.warmUpEnded(activity);
    probe.countCallsFromLatest();
  };
  let warmingUp = options.warmUpMs > 0;
  let behind = 0;
  for (;;) {
    const now = performance.now();
    const elapsed = now - start;
    if (elapsed >= options.warmUpMs + options.durationMs) break;
    if (warmingUp && now >= recorder.started) {
      warmingUp = false;
      probing = probing.then(endWarmUp);
    }
    const due = messagesDueBy(options, elapsed);
    while (launched < due && inFlight < options.maxInFlight) launch();
    behind = Math.max(behind, due - launched);
    tick(now);
    await sleep(1);
  }
  const sendingMs = performance.now() - recorder.started;
  await Promise.all([...settled]);
  // Grace: wait for the events and answers still on their way, and stop early once all are in.
  const graceEnd = performance.now() + options.graceMs;
  while (performance.now() < graceEnd) {
    if (total((bot) => bot.unseen + bot.answersDue) === 0) break;
    tick(performance.now());
    await sleep(20);
  }
  await probing;
  await observe();
  await sender.close();

  return buildReport({
    options,
    startedAt,
    sendingMs,
    recorder,
    bots,
    behind,
    liveDropped: liveDropped(),
    target: client.connection.url,
    callsByAction: probe.callsByAction(),
  });
}
