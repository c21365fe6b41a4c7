import { ActionTally, isFailedRetcode, type ActionCalls } from './action-tally.js';
import type { BotSocket } from './bot-socket.js';
import { round, Samples, summarize, type LatencySummary } from './latency-stats.js';
import type { Recorder } from './recorder.js';
import type { BotCall, BotSend } from './reply-watcher.js';
import type { ObservedMessage } from './socket-observer.js';

/** A message the bot is expected to answer, waiting for its answer in its group. */
export interface Awaiting {
  readonly sentAt: number;
  /** False for a message of the warm-up: its answer is waited for (answers come in order) but not counted. */
  readonly measured: boolean;
  failed: boolean;
}

/** One bot's part of `report.json` (`bots[]`). docs/load-testing.md explains each field. */
export interface BotSection {
  readonly self_id: number;
  readonly watched_socket: { readonly url: string; readonly adapter: string };
  readonly delivered: number;
  /** Stored, but never seen on this bot's socket before the grace period ended. */
  readonly lost: number;
  readonly delivery_ms: LatencySummary | null;
  readonly expected_replies: number;
  readonly replies: number;
  readonly unexpected_replies: number;
  /** Answers / expected answers, 0..1; null without --expect-reply. */
  readonly reply_rate: number | null;
  readonly reply_ms: LatencySummary | null;
  /**
   * The bot's own action calls (its transports, not the admin API) and the failed ones, as its
   * live call stream told them; null when the run did not watch its calls (one bot, no
   * --expect-reply: the run's totals count calls from the metrics instead).
   */
  readonly calls: number | null;
  readonly failed_calls: number | null;
  /**
   * The same calls by action, each with its failed ones by retcode; null as `calls` is. Absent
   * from reports written before it was counted.
   */
  readonly calls_by_action?: readonly ActionCalls[] | null;
  readonly max_backlog_bytes: number;
}

/**
 * One bot of a run: which of the run's messages its socket has not shown yet, which of its
 * answers are still due in each group, and its own latencies. Every delivery and answer also goes
 * to the run's Recorder, whose totals and timeline are those of all the bots together (a message
 * delivered to two bots is two deliveries).
 */
export class BotUnderLoad {
  readonly #delivery = new Samples();
  readonly #reply = new Samples();
  #delivered = 0;
  #expected = 0;
  #unexpected = 0;
  #calls = 0;
  #failedCalls = 0;
  readonly #callsByAction = new ActionTally();
  #callsWatched = false;
  #maxBacklogBytes = 0;
  /** Stored messages not seen on the socket yet, by id: when each was sent. */
  readonly #unseen = new Map<number, number>();
  /** Messages seen before the send's answer named their id (the event beat the HTTP answer). */
  readonly #early = new Map<number, number>();
  readonly #awaiting = new Map<number, Awaiting[]>();
  #recorder: Recorder | undefined;

  constructor(
    readonly selfId: number,
    readonly socket: BotSocket,
    private readonly run: { readonly groupIds: ReadonlySet<number>; readonly userIds: ReadonlySet<number> },
  ) {}

  /**
   * Where deliveries and answers are timed for the whole run, and from when: the bot's watchers
   * connect before sending starts, and nothing they see then is one of the run's messages; what
   * happens to a message of the warm-up is not counted either.
   */
  timeInto(recorder: Recorder): void {
    this.#recorder = recorder;
  }

  get delivered(): number {
    return this.#delivered;
  }

  get expected(): number {
    return this.#expected;
  }

  get replies(): number {
    return this.#reply.count;
  }

  get unexpectedAnswers(): number {
    return this.#unexpected;
  }

  /** Stored messages its socket has not shown yet (the warm-up's too: the grace period waits for them). */
  get unseen(): number {
    return this.#unseen.size;
  }

  /** Messages of the warm-up stored but not seen on its socket (lost, once the grace period is over). */
  get warmUpUnseen(): number {
    let unseen = 0;
    for (const sentAt of this.#unseen.values()) if (!this.#measures(sentAt)) unseen++;
    return unseen;
  }

  /** Answers still due (of sends that did not fail). */
  get answersDue(): number {
    let due = 0;
    for (const queue of this.#awaiting.values()) for (const entry of queue) if (!entry.failed) due++;
    return due;
  }

  /**
   * A group message reached the bot's socket; only the run's people in the run's groups count,
   * once the send's answer has named the message (which may come after its event).
   */
  seen(message: ObservedMessage): void {
    if (!this.run.groupIds.has(message.groupId) || !this.run.userIds.has(message.userId)) return;
    const sentAt = this.#unseen.get(message.messageId);
    if (sentAt === undefined) {
      this.#early.set(message.messageId, message.at);
      return;
    }
    this.#unseen.delete(message.messageId);
    this.#timeDelivery(sentAt, message.at);
  }

  /** A message the run sent at `sentAt` was stored under `messageId`. */
  stored(messageId: number, sentAt: number): void {
    const seenAt = this.#early.get(messageId);
    if (seenAt === undefined) {
      this.#unseen.set(messageId, sentAt);
      return;
    }
    this.#early.delete(messageId);
    this.#timeDelivery(sentAt, seenAt);
  }

  /** The bot is to answer a message sent at `sentAt` into `groupId`; mark the entry failed if the send fails. */
  expectAnswer(groupId: number, sentAt: number): Awaiting {
    const waiting: Awaiting = { sentAt, measured: this.#measures(sentAt), failed: false };
    if (waiting.measured) this.#expected++;
    const queue = this.#awaiting.get(groupId);
    if (queue) queue.push(waiting);
    else this.#awaiting.set(groupId, [waiting]);
    return waiting;
  }

  /** The send the bot was to answer failed: nothing is due. */
  sendFailed(waiting: Awaiting): void {
    waiting.failed = true;
    if (waiting.measured) this.#expected--;
  }

  /** The bot sent into a group: the answer to the oldest message there still waiting for one. */
  answered(send: BotSend): void {
    const queue = this.#awaiting.get(send.groupId);
    while (queue && queue.length > 0 && queue[0]!.failed) queue.shift();
    const answered = queue?.shift();
    if (answered) {
      if (!answered.measured) return;
      this.#reply.add(send.at - answered.sentAt);
      this.#recorder?.replied(answered.sentAt, send.at);
    } else if (this.run.groupIds.has(send.groupId)) {
      this.#unexpected++;
    }
  }

  /** One of the bot's action calls finished (seen on its live call stream). */
  called(call: BotCall): void {
    if (this.#recorder && performance.now() < this.#recorder.started) return; // a call of the warm-up
    this.#calls++;
    if (isFailedRetcode(call.retcode)) this.#failedCalls++;
    this.#callsByAction.add(call.action, call.retcode);
  }

  /** The bot's calls are watched from the start of the run (so none counts as zero). */
  watchCalls(): void {
    this.#callsWatched = true;
  }

  backlog(bytes: number): void {
    this.#maxBacklogBytes = Math.max(this.#maxBacklogBytes, bytes);
  }

  section(expectReply: boolean): BotSection {
    return {
      self_id: this.selfId,
      watched_socket: { url: this.socket.url, adapter: this.socket.adapter },
      delivered: this.#delivered,
      lost: this.#unseen.size - this.warmUpUnseen,
      delivery_ms: summarize(this.#delivery.sorted()),
      expected_replies: this.#expected,
      replies: this.#reply.count,
      unexpected_replies: this.#unexpected,
      reply_rate: expectReply ? (this.#expected > 0 ? round(this.#reply.count / this.#expected, 4) : 0) : null,
      reply_ms: summarize(this.#reply.sorted()),
      calls: this.#callsWatched ? this.#calls : null,
      failed_calls: this.#callsWatched ? this.#failedCalls : null,
      calls_by_action: this.#callsWatched ? this.#callsByAction.list() : null,
      max_backlog_bytes: this.#maxBacklogBytes,
    };
  }

  #measures(sentAt: number): boolean {
    return this.#recorder?.measures(sentAt) ?? true;
  }

  /** One of the run's messages was seen, sent at `sentAt`: counted and timed unless it was of the warm-up. */
  #timeDelivery(sentAt: number, at: number): void {
    if (!this.#measures(sentAt)) return;
    this.#delivered++;
    this.#delivery.add(at - sentAt);
    this.#recorder?.delivered(sentAt, at);
  }
}
