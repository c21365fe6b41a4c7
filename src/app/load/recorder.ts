import type { BotActivity } from './metrics-probe.js';
import { histogram, Samples, summarize, type Histogram, type LatencySummary } from './latency-stats.js';

/** One second of the run, as the latency-over-time chart and the progress line show it. */
export interface TimelinePoint {
  /** Seconds since the first send. */
  readonly t: number;
  readonly sent: number;
  readonly send_errors: number;
  readonly delivered: number;
  readonly delivery_p50: number | null;
  readonly delivery_p99: number | null;
  readonly replies: number;
  readonly reply_p50: number | null;
  readonly reply_p99: number | null;
  readonly bot_calls: number;
  readonly bot_errors: number;
  readonly backlog_bytes: number;
}

class Second {
  sent = 0;
  sendErrors = 0;
  delivery = new Samples();
  reply = new Samples();
  botCalls = 0;
  botErrors = 0;
  backlogBytes = 0;
}

/**
 * Everything measured during a run, per second and in total, from `started` on: a message sent
 * before it (in the warm-up) is counted as warm-up only, whenever its delivery or answer comes.
 */
export class Recorder {
  readonly delivery = new Samples();
  readonly reply = new Samples();
  readonly sendLatency = new Samples();
  sent = 0;
  sendErrors = 0;
  readonly sendErrorKinds = new Map<string, number>();
  /** Messages sent in the warm-up, and how many of those sends failed. */
  warmUpSent = 0;
  warmUpSendErrors = 0;
  botCalls = 0;
  botErrors = 0;
  maxBacklogBytes = 0;
  maxPostQueue = 0;
  /** The bot's clients that went away during the run (the warm-up too), by why. */
  readonly botDisconnects = new Map<string, number>();
  readonly #seconds: Second[] = [];

  /** `started`: when measuring starts (the first send, or the end of the warm-up). */
  constructor(readonly started: number) {}

  /** Whether what happens to a message sent at `sentAt` is measured (it was not sent in the warm-up). */
  measures(sentAt: number): boolean {
    return sentAt >= this.started;
  }

  #second(at: number): Second {
    const index = Math.max(0, Math.floor((at - this.started) / 1000));
    while (this.#seconds.length <= index) this.#seconds.push(new Second());
    return this.#seconds[index]!;
  }

  sentOne(at: number): void {
    if (!this.measures(at)) {
      this.warmUpSent++;
      return;
    }
    this.sent++;
    this.#second(at).sent++;
  }

  sendFailed(at: number, why: string): void {
    if (!this.measures(at)) {
      this.warmUpSendErrors++;
      return;
    }
    this.sendErrors++;
    this.#second(at).sendErrors++;
    this.sendErrorKinds.set(why, (this.sendErrorKinds.get(why) ?? 0) + 1);
  }

  /** How long the admin API took to answer a send. */
  sendAnswered(sentAt: number, at: number): void {
    if (this.measures(sentAt)) this.sendLatency.add(at - sentAt);
  }

  delivered(sentAt: number, at: number): void {
    if (!this.measures(sentAt)) return;
    this.delivery.add(at - sentAt);
    this.#second(sentAt).delivery.add(at - sentAt);
  }

  replied(sentAt: number, at: number): void {
    if (!this.measures(sentAt)) return;
    this.reply.add(at - sentAt);
    this.#second(sentAt).reply.add(at - sentAt);
  }

  /** What a scrape of the metrics said at `at`: the calls and backlog of the warm-up are not the run's. */
  botActivity(at: number, activity: BotActivity): void {
    this.#wentAway(activity);
    if (!this.measures(at)) return;
    const { calls, errors, backlogBytes, postQueue } = activity;
    const second = this.#second(at);
    this.botCalls += calls;
    this.botErrors += errors;
    second.botCalls += calls;
    second.botErrors += errors;
    second.backlogBytes = Math.max(second.backlogBytes, backlogBytes);
    this.maxBacklogBytes = Math.max(this.maxBacklogBytes, backlogBytes);
    this.maxPostQueue = Math.max(this.maxPostQueue, postQueue);
  }

  /** The scrape that ends the warm-up: its calls were the warm-up's, its clients that went away count. */
  warmUpEnded(activity: BotActivity): void {
    this.#wentAway(activity);
  }

  #wentAway(activity: BotActivity): void {
    for (const [reason, count] of Object.entries(activity.disconnects)) {
      this.botDisconnects.set(reason, (this.botDisconnects.get(reason) ?? 0) + count);
    }
  }

  /** The latest whole seconds, for the progress line. */
  recent(at: number, seconds = 1): TimelinePoint[] {
    const end = Math.min(this.#seconds.length, Math.floor((at - this.started) / 1000));
    const start = Math.max(0, end - seconds);
    return this.#seconds.slice(start, end).map((second, i) => point(second, start + i));
  }

  timeline(): TimelinePoint[] {
    return this.#seconds.map(point);
  }

  latencies(): {
    delivery: LatencySummary | null;
    reply: LatencySummary | null;
    send: LatencySummary | null;
    deliveryHistogram: Histogram;
    replyHistogram: Histogram;
  } {
    const delivery = this.delivery.sorted();
    const reply = this.reply.sorted();
    return {
      delivery: summarize(delivery),
      reply: summarize(reply),
      send: summarize(this.sendLatency.sorted()),
      deliveryHistogram: histogram(delivery),
      replyHistogram: histogram(reply),
    };
  }
}

function point(second: Second, t: number): TimelinePoint {
  const delivery = summarize(second.delivery.sorted());
  const reply = summarize(second.reply.sorted());
  return {
    t,
    sent: second.sent,
    send_errors: second.sendErrors,
    delivered: second.delivery.count,
    delivery_p50: delivery?.p50 ?? null,
    delivery_p99: delivery?.p99 ?? null,
    replies: second.reply.count,
    reply_p50: reply?.p50 ?? null,
    reply_p99: reply?.p99 ?? null,
    bot_calls: second.botCalls,
    bot_errors: second.botErrors,
    backlog_bytes: second.backlogBytes,
  };
}
