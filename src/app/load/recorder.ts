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

/** Everything measured during a run, per second and in total. */
export class Recorder {
  readonly delivery = new Samples();
  readonly reply = new Samples();
  readonly sendLatency = new Samples();
  sent = 0;
  sendErrors = 0;
  readonly sendErrorKinds = new Map<string, number>();
  botCalls = 0;
  botErrors = 0;
  maxBacklogBytes = 0;
  maxPostQueue = 0;
  /** The bot's clients that went away during the run, by why. */
  readonly botDisconnects = new Map<string, number>();
  readonly #seconds: Second[] = [];

  constructor(private readonly started: number) {}

  #second(at: number): Second {
    const index = Math.max(0, Math.floor((at - this.started) / 1000));
    while (this.#seconds.length <= index) this.#seconds.push(new Second());
    return this.#seconds[index]!;
  }

  sentOne(at: number): void {
    this.sent++;
    this.#second(at).sent++;
  }

  sendFailed(at: number, why: string): void {
    this.sendErrors++;
    this.#second(at).sendErrors++;
    this.sendErrorKinds.set(why, (this.sendErrorKinds.get(why) ?? 0) + 1);
  }

  delivered(sentAt: number, at: number): void {
    this.delivery.add(at - sentAt);
    this.#second(sentAt).delivery.add(at - sentAt);
  }

  replied(sentAt: number, at: number): void {
    this.reply.add(at - sentAt);
    this.#second(sentAt).reply.add(at - sentAt);
  }

  botActivity(at: number, activity: BotActivity): void {
    const { calls, errors, backlogBytes, postQueue } = activity;
    for (const [reason, count] of Object.entries(activity.disconnects)) {
      this.botDisconnects.set(reason, (this.botDisconnects.get(reason) ?? 0) + count);
    }
    const second = this.#second(at);
    this.botCalls += calls;
    this.botErrors += errors;
    second.botCalls += calls;
    second.botErrors += errors;
    second.backlogBytes = Math.max(second.backlogBytes, backlogBytes);
    this.maxBacklogBytes = Math.max(this.maxBacklogBytes, backlogBytes);
    this.maxPostQueue = Math.max(this.maxPostQueue, postQueue);
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
