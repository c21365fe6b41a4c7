import type { Logger } from '../util/logger.js';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from './adapter.js';
import { HttpClientAdapter } from './http-client-adapter.js';
import { HttpServerAdapter } from './http-server-adapter.js';
import { HttpSseServerAdapter } from './http-sse-adapter.js';
import { WebsocketClientAdapter } from './ws/ws-client-adapter.js';
import { WebsocketServerAdapter } from './ws/ws-server-adapter.js';
import { adapterKinds, defaultOneBotConfig, type AdapterConfigs, type AdapterKind, type OneBotConfig } from './onebot-config.js';

/** Builds the adapter for one enabled entry of kind `K`, which gets exactly that kind's config. */
export type AdapterFactory<K extends AdapterKind> = (selfId: number, config: AdapterConfigs[K], gateway: OneBotGateway) => NetworkAdapter;

/** A factory per adapter kind, each typed by its kind's config. Transports register theirs in `defaultFactories`. */
export type AdapterFactories = { readonly [K in AdapterKind]?: AdapterFactory<K> };

/** One enabled config entry to run: how to build its adapter (undefined when this build has no factory for the kind). */
interface Wanted {
  readonly kind: AdapterKind;
  readonly fingerprint: string;
  readonly create: (() => NetworkAdapter) | undefined;
}

export const defaultFactories: AdapterFactories = {
  httpServers: (selfId, config, gateway) => new HttpServerAdapter(selfId, config, gateway),
  httpSseServers: (selfId, config, gateway) => new HttpSseServerAdapter(selfId, config, gateway),
  websocketServers: (selfId, config, gateway) => new WebsocketServerAdapter(selfId, config, gateway),
  websocketClients: (selfId, config, gateway) => new WebsocketClientAdapter(selfId, config, gateway),
  httpClients: (selfId, config, gateway) => new HttpClientAdapter(selfId, config, gateway),
};

interface Running {
  readonly key: string;
  readonly fingerprint: string;
  readonly adapter: NetworkAdapter;
}

export interface ApplyResult {
  readonly started: string[];
  readonly stopped: string[];
  readonly errors: { adapter: string; message: string }[];
  /** Enabled entries of a kind this build cannot run (logged, not fatal). */
  readonly skipped: { adapter: string; message: string }[];
}

/**
 * Runs every account's NapCat network adapters and reconciles them with a new config: adapters
 * whose entry is unchanged keep running (and keep their clients); changed ones restart; removed or
 * disabled ones stop. This is what makes editing `onebot11_<uin>.json` take effect without a restart.
 */
export class NetworkManager {
  readonly #running = new Map<number, Map<string, Running>>();
  readonly #configs = new Map<number, OneBotConfig>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly gateway: OneBotGateway,
    private readonly logger: Logger,
    private readonly factories: AdapterFactories = defaultFactories,
  ) {}

  /** Applies one account's config; calls for all accounts run one after another. */
  apply(selfId: number, config: OneBotConfig): Promise<ApplyResult> {
    const run = this.#queue.then(() => this.#apply(selfId, config));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops every adapter of an account. */
  remove(selfId: number): Promise<ApplyResult> {
    this.#configs.delete(selfId);
    return this.apply(selfId, defaultOneBotConfig());
  }

  config(selfId: number): OneBotConfig | undefined {
    return this.#configs.get(selfId);
  }

  accounts(): number[] {
    return [...this.#running.keys()];
  }

  status(selfId: number): AdapterStatus[] {
    return [...(this.#running.get(selfId)?.values() ?? [])].map((running) => running.adapter.status());
  }

  adapters(selfId: number): NetworkAdapter[] {
    return [...(this.#running.get(selfId)?.values() ?? [])].map((running) => running.adapter);
  }

  async stop(): Promise<void> {
    await this.#queue;
    for (const [, adapters] of this.#running) {
      await Promise.allSettled([...adapters.values()].map((running) => running.adapter.stop()));
    }
    this.#running.clear();
  }

  async #apply(selfId: number, config: OneBotConfig): Promise<ApplyResult> {
    this.#configs.set(selfId, config);
    const current = this.#running.get(selfId) ?? new Map<string, Running>();
    const wanted = new Map<string, Wanted>();
    const network: { readonly [K in AdapterKind]: readonly AdapterConfigs[K][] } = config.network;
    // Per kind, so each entry meets the factory of its own kind with its own config type.
    const collect = <K extends AdapterKind>(kind: K) => {
      const factory = this.factories[kind];
      network[kind].forEach((entry, index) => {
        if (!entry.enable) return;
        const key = `${kind}:${entry.name || index}`;
        const create = factory && (() => factory(selfId, entry, this.gateway));
        wanted.set(wanted.has(key) ? `${key}#${index}` : key, { kind, fingerprint: JSON.stringify(entry), create });
      });
    };
    for (const kind of adapterKinds) collect(kind);
    const result: ApplyResult = { started: [], stopped: [], errors: [], skipped: [] };
    for (const [key, running] of current) {
      if (wanted.get(key)?.fingerprint === running.fingerprint) continue;
      await running.adapter.stop().catch((error: unknown) => this.logger.warn({ err: error, key }, 'adapter stop failed'));
      current.delete(key);
      result.stopped.push(key);
    }
    for (const [key, { kind, fingerprint, create }] of wanted) {
      if (current.has(key)) continue;
      if (!create) {
        result.skipped.push({ adapter: key, message: `${kind} adapters are not supported yet` });
        continue;
      }
      const adapter = create();
      try {
        await adapter.start();
        current.set(key, { key, fingerprint, adapter });
        result.started.push(key);
      } catch (error) {
        result.errors.push({ adapter: key, message: (error as Error).message });
      }
    }
    if (current.size > 0) this.#running.set(selfId, current);
    else this.#running.delete(selfId);
    return result;
  }
}
