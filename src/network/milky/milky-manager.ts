import type { AdapterStatus, NetworkAdapter } from '../adapter.js';
import type { ApplyResult } from '../network-manager.js';
import type { MilkyConfig } from './milky-config.js';
import type { MilkyGateway } from './milky-gateway.js';
import { MilkyServer } from './milky-server.js';
import { MilkyWebhook } from './milky-webhook.js';

interface Running {
  readonly fingerprint: string;
  readonly adapter: NetworkAdapter;
}

/**
 * Runs every account's Milky server and WebHooks and reconciles them with a new config, as
 * `NetworkManager` does for OneBot: a part whose settings did not change keeps running (the
 * server keeps its event clients when only the WebHooks change), a changed part restarts, and a
 * disabled or removed config stops everything. Calls run one after another.
 */
export class MilkyManager {
  readonly #running = new Map<number, Map<string, Running>>();
  readonly #configs = new Map<number, MilkyConfig>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly gateway: MilkyGateway) {}

  apply(selfId: number, config: MilkyConfig | undefined): Promise<ApplyResult> {
    const run = this.#queue.then(() => this.#apply(selfId, config));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  remove(selfId: number): Promise<ApplyResult> {
    return this.apply(selfId, undefined);
  }

  config(selfId: number): MilkyConfig | undefined {
    return this.#configs.get(selfId);
  }

  accounts(): number[] {
    return [...this.#running.keys()];
  }

  status(selfId: number): AdapterStatus[] {
    return [...(this.#running.get(selfId)?.values() ?? [])].map((running) => running.adapter.status());
  }

  /** The account's Milky server, when it runs (tests and the banner read its port). */
  server(selfId: number): MilkyServer | undefined {
    return this.#running.get(selfId)?.get('server')?.adapter as MilkyServer | undefined;
  }

  async stop(): Promise<void> {
    await this.#queue;
    for (const selfId of [...this.#running.keys()]) await this.#apply(selfId, undefined, 'Catnap is stopping');
  }

  async #apply(selfId: number, config: MilkyConfig | undefined, reason?: string): Promise<ApplyResult> {
    if (config) this.#configs.set(selfId, config);
    else this.#configs.delete(selfId);
    const wanted = new Map<string, { fingerprint: string; create: () => NetworkAdapter }>();
    if (config?.enable) {
      const { http, webhook, reportSelfMessage } = config;
      wanted.set('server', {
        fingerprint: JSON.stringify({ http, reportSelfMessage }),
        create: () => new MilkyServer(selfId, config, this.gateway),
      });
      for (const url of new Set(webhook.urls)) {
        const options = { accessToken: webhook.accessToken, reportSelfMessage };
        wanted.set(`webhook:${url}`, {
          fingerprint: JSON.stringify({ url, ...options }),
          create: () => new MilkyWebhook(selfId, url, options, this.gateway),
        });
      }
    }
    const current = this.#running.get(selfId) ?? new Map<string, Running>();
    const result: ApplyResult = { started: [], stopped: [], errors: [], skipped: [] };
    for (const [key, running] of current) {
      if (wanted.get(key)?.fingerprint === running.fingerprint) continue;
      const adapter = running.adapter as MilkyServer | MilkyWebhook;
      await adapter.stop(reason).catch((error: unknown) => this.gateway.logger.warn({ err: error, key }, 'Milky adapter stop failed'));
      current.delete(key);
      result.stopped.push(`milky:${key}`);
    }
    for (const [key, { fingerprint, create }] of wanted) {
      if (current.has(key)) continue;
      const adapter = create();
      try {
        await adapter.start();
        current.set(key, { fingerprint, adapter });
        result.started.push(`milky:${key}`);
      } catch (error) {
        result.errors.push({ adapter: `milky:${key}`, message: (error as Error).message });
      }
    }
    if (current.size > 0) this.#running.set(selfId, current);
    else this.#running.delete(selfId);
    return result;
  }
}
