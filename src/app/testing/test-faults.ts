import type { FaultRuleInput } from '../../contract/fault-rule.js';
import type { FaultRuleView, HealthState } from '../../contract/admin/faults.js';
import type { BenchApi } from './bench-api.js';

/** What `disconnect` does besides dropping the clients: refuse them for a while, or stall them instead. */
export interface DisconnectOptions {
  readonly refuse_ms?: number;
  readonly stall?: boolean;
}

/**
 * Faults for tests, over the faults routes (docs/faults.md): fault rules, the bot account's
 * health, its connections dropped. Rules and health are world state: `reset()` and `restore()`
 * bring them back as the snapshot had them. A refusal of connections is not; it runs out.
 */
export class TestFaults {
  constructor(
    private readonly api: BenchApi,
    private readonly botId: () => number,
  ) {}

  /** Adds a fault rule (the body of `POST /api/faults`); answers its id. */
  async add(rule: FaultRuleInput): Promise<number> {
    return (await this.api.request<{ id: number }>('POST', '/api/faults', rule)).id;
  }

  /** Every fault rule, oldest first, with `remaining` and `fired` (how many calls or events it has hit). */
  list(): Promise<FaultRuleView[]> {
    return this.api.request('GET', '/api/faults');
  }

  /** Removes every fault rule and brings the bot back online. */
  async clear(): Promise<void> {
    await this.api.request('DELETE', '/api/faults');
    await this.health('online');
  }

  /** Sets the bot account's health; answers it as the server has it. */
  health(state: HealthState, message?: string): Promise<{ user_id: number; state: HealthState; message: string; since: number }> {
    return this.api.request('POST', `/api/bots/${this.botId()}/health`, { state, ...(message !== undefined && { message }) });
  }

  /** Drops the bot's connections on `adapter` (default: every adapter with a client); answers how many were dropped. */
  async disconnect(adapter?: string, options: DisconnectOptions = {}): Promise<number> {
    const names =
      adapter !== undefined
        ? [adapter]
        : (await this.api.request<{ name: string; clients: number }[]>('GET', `/api/bots/${this.botId()}/adapters`))
            .filter((status) => status.clients > 0)
            .map((status) => status.name);
    let dropped = 0;
    for (const name of names) {
      const path = `/api/bots/${this.botId()}/adapters/${encodeURIComponent(name)}/disconnect`;
      dropped += (await this.api.request<{ dropped: number }>('POST', path, options)).dropped;
    }
    return dropped;
  }
}
