import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { CatnapClient } from '../remote/catnap-client.js';
import { ActionTally, isFailedRetcode, type ActionCalls } from './action-tally.js';

/** What one scrape of `/metrics` says about the bot's side of the run. */
export interface BotActivity {
  /** Action calls finished since the previous scrape, on the bots' own transports (not the admin API). */
  readonly calls: number;
  /** Of those, the ones that failed (retcode other than 0, or 1 of an accepted _async call). */
  readonly errors: number;
  /** Bytes waiting for the slowest client, the largest over the bots' adapters. */
  readonly backlogBytes: number;
  /** The same, for each bot under test. */
  readonly backlogByBot: ReadonlyMap<number, number>;
  /** Events waiting for the bots' HTTP POST receivers. */
  readonly postQueue: number;
  /** The bots' clients that went away since the previous scrape, by why (`too_slow`, `peer`, ...). */
  readonly disconnects: Readonly<Record<string, number>>;
}

/** `catnap_actions_total` of the bots' transports, as read: calls by action, then by retcode. */
type CallCounts = Map<string, Map<string, number>>;

/**
 * Reads Catnap's Prometheus metrics once a second. The action counter has no account label, so
 * calls are those of every bot transport (HTTP, WebSocket, SSE, quick operations): exact when the
 * bots under test are the only bots that talk during the run. The backlog gauges and the clients
 * that went away are the bots' own (the run's watching sockets are among their clients).
 */
export class MetricsProbe {
  #calls = 0;
  #errors = 0;
  #disconnects = new Map<string, number>();
  /** The action counter at the first reading, and at the latest: the run's calls are the difference. */
  #firstCounts: CallCounts | undefined;
  #latestCounts: CallCounts = new Map();

  private constructor(
    private readonly client: CatnapClient,
    private readonly selfIds: readonly number[],
  ) {}

  /** Takes the first reading, from which the next ones count. */
  static async start(client: CatnapClient, selfIds: readonly number[]): Promise<MetricsProbe> {
    const probe = new MetricsProbe(client, selfIds);
    await probe.read();
    return probe;
  }

  async read(): Promise<BotActivity> {
    const text = await this.client.request<string>('GET', '/metrics');
    let calls = 0;
    let errors = 0;
    let postQueue = 0;
    const backlogByBot = new Map(this.selfIds.map((selfId) => [selfId, 0]));
    const disconnects = new Map<string, number>();
    const counts: CallCounts = new Map();
    const ours = (labels: Record<string, string>) => backlogByBot.has(Number(labels.self_id));
    for (const family of parsePrometheusTextFormat(text)) {
      for (const sample of family.metrics) {
        const labels = sample.labels ?? {};
        const value = Number(sample.value ?? 0);
        if (family.name === 'catnap_actions_total' && labels.transport !== 'admin') {
          const retcode = labels.retcode ?? '';
          calls += value;
          if (isFailedRetcode(retcode)) errors += value;
          const byRetcode = counts.get(labels.action ?? '') ?? new Map<string, number>();
          counts.set(labels.action ?? '', byRetcode.set(retcode, (byRetcode.get(retcode) ?? 0) + value));
        } else if (family.name === 'catnap_client_backlog_bytes' && ours(labels)) {
          const selfId = Number(labels.self_id);
          backlogByBot.set(selfId, Math.max(backlogByBot.get(selfId)!, value));
        } else if (family.name === 'catnap_http_post_queue_events' && ours(labels)) {
          postQueue += value;
        } else if (family.name === 'catnap_client_disconnects_total' && ours(labels)) {
          const reason = labels.reason ?? 'unknown';
          disconnects.set(reason, (disconnects.get(reason) ?? 0) + value);
        }
      }
    }
    const newDisconnects: Record<string, number> = {};
    for (const [reason, count] of disconnects) {
      const since = count - (this.#disconnects.get(reason) ?? 0);
      if (since > 0) newDisconnects[reason] = since;
    }
    const activity = {
      calls: calls - this.#calls,
      errors: errors - this.#errors,
      backlogBytes: Math.max(0, ...backlogByBot.values()),
      backlogByBot,
      postQueue,
      disconnects: newDisconnects,
    };
    this.#calls = calls;
    this.#errors = errors;
    this.#disconnects = disconnects;
    this.#firstCounts ??= counts;
    this.#latestCounts = counts;
    return activity;
  }

  /** The calls by action count from the latest reading on (the one that ended the warm-up). */
  countCallsFromLatest(): void {
    this.#firstCounts = this.#latestCounts;
  }

  /**
   * Each action the bots called between the first reading (or the end of the warm-up) and the latest, the busiest first, with
   * its failed calls by retcode. Like the totals, it counts every bot transport (no account label).
   */
  callsByAction(): ActionCalls[] {
    const tally = new ActionTally();
    for (const [action, byRetcode] of this.#latestCounts) {
      for (const [retcode, value] of byRetcode) {
        // A counter that went down belongs to a Catnap that restarted during the run: count from zero.
        const before = this.#firstCounts?.get(action)?.get(retcode) ?? 0;
        tally.add(action, retcode, value >= before ? value - before : value);
      }
    }
    return tally.list();
  }
}
