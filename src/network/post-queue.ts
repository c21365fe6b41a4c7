import type { Logger } from '../util/logger.js';
import type { TransportLimits } from './limits.js';

/**
 * The queue in front of event POSTs (OneBot's HTTP POST, Milky's WebHooks): items are posted in
 * order, `postConcurrency` at a time; at most `postQueueLimit` wait, and when the queue is full the
 * oldest waiting item is dropped (logged once per hundred drops, so a dead receiver cannot flood
 * the log). `stop` drops what waits and aborts what is in flight.
 */
export class PostQueue<T> {
  readonly #queue: T[] = [];
  readonly #inFlight = new Set<AbortController>();
  #dropped = 0;
  #idle: (() => void)[] = [];

  constructor(
    private readonly limits: Pick<TransportLimits, 'postQueueLimit' | 'postConcurrency'>,
    private readonly logger: Logger,
    /** Posts one item; it must settle (bounded by its own timeout) and never reject. */
    private readonly post: (item: T, controller: AbortController) => Promise<void>,
    /** Names the receiver in the drop warning. */
    private readonly receiver: string,
    /** Told of every dropped item (metrics). */
    private readonly onDrop?: (count: number) => void,
  ) {}

  /** Items waiting or being posted. */
  get backlog(): number {
    return this.#queue.length + this.#inFlight.size;
  }

  /** Items dropped because the receiver fell too far behind. */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: T): void {
    if (this.#queue.length >= this.limits.postQueueLimit) {
      this.#queue.shift();
      this.#dropped += 1;
      this.onDrop?.(1);
      if (this.#dropped % 100 === 1) {
        this.logger.warn(
          { dropped: this.#dropped, queueLimit: this.limits.postQueueLimit, url: this.receiver },
          'event receiver is too slow; dropping the oldest queued events',
        );
      }
    }
    this.#queue.push(item);
    this.#pump();
  }

  /** Drops waiting items, aborts posts in flight, and resolves once they have settled. */
  stop(): Promise<void> {
    this.#queue.length = 0;
    for (const controller of this.#inFlight) controller.abort();
    return this.whenIdle();
  }

  /** Resolves when nothing is queued or being posted. */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && this.#inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#inFlight.size < this.limits.postConcurrency && this.#queue.length > 0) {
      const item = this.#queue.shift()!;
      const controller = new AbortController();
      this.#inFlight.add(controller);
      void this.post(item, controller).finally(() => {
        this.#inFlight.delete(controller);
        this.#pump();
        if (this.#queue.length === 0 && this.#inFlight.size === 0) {
          for (const resolve of this.#idle.splice(0)) resolve();
        }
      });
    }
  }
}
