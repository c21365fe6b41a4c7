import type { Logger } from '../util/logger.js';
import type { AdapterStatus, NetworkAdapter, OneBotGateway } from './adapter.js';
import { HttpClientAdapter } from './http-client-adapter.js';
import { HttpServerAdapter } from './http-server-adapter.js';
import { HttpSseServerAdapter } from './http-sse-adapter.js';
import { WebsocketClientAdapter } from './ws/ws-client-adapter.js';
import { WebsocketServerAdapter } from './ws/ws-server-adapter.js';
import { SerialQueue } from '../util/serial-queue.js';
import { adapterKinds, defaultOneBotConfig, type AdapterConfigs, type AdapterKind, type OneBotConfig } from './onebot-config.js';

/** Builds the adapter for one enabled entry of kind `K`, which gets exactly that kind's config. */
export type AdapterFactory<K extends AdapterKind> = (selfId: number, config: AdapterConfigs[K], gateway: OneBotGateway) => NetworkAdapter;

/** A factory per adapter kind, each typed by its kind's config. Transports register theirs in `defaultFactories`. */
export type AdapterFactories = { readonly [K in AdapterKind]?: AdapterFactory<K> };

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
  readonly #queue = new SerialQueue();

  constructor(
    private readonly gateway: OneBotGateway,
    private readonly logger: Logger,
    private readonly factories: AdapterFactories = defaultFactories,
  ) {}

  /** Applies one account's config; calls for all accounts run one after another. */
  apply(selfId: number, config: OneBotConfig): Promise<ApplyResult> {
    return this.#queue.run(() => this.#apply(selfId, config));
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

  /**
   * Why the networks are not ready, one line per enabled adapter that is not serving: a server
   * that is not listening, a client that gave up, an entry that failed to start. Empty = ready.
   * A reverse WebSocket or HTTP POST still waiting for its bot is ready: the bot may start later.
   */
  unready(): string[] {
    const problems: string[] = [];
    for (const [selfId, config] of this.#configs) {
      const running = this.#running.get(selfId) ?? new Map<string, Running>();
      for (const [key, { kind }] of enabledEntries(config)) {
        const status = running.get(key)?.adapter.status();
        const where = `account ${selfId}, ${key.replace(':', ' "')}"`;
        if (!status) problems.push(`${where}: not running${this.factories[kind] ? '' : ' (unsupported kind)'}`);
        else if (status.state === 'error' || status.state === 'stopped' || status.state === 'starting')
          problems.push(`${where}: ${status.state}${status.error ? ` (${status.error})` : ''}`);
      }
    }
    return problems;
  }

  /**
   * Connection chaos: drops (or stalls) the clients of an account's adapter named `name` and
   * refuses new connections to it for `refuseMs`. Answers how many clients it hit; undefined
   * when the account has no such adapter.
   */
  async disconnect(selfId: number, name: string, options: { refuseMs: number; stall: boolean }): Promise<number | undefined> {
    const adapter = this.adapters(selfId).find((each) => each.name === name);
    if (!adapter) return undefined;
    this.gateway.dispatcher.faults?.refuse(selfId, name, options.refuseMs);
    return (await adapter.drop?.({ stall: options.stall })) ?? 0;
  }

  adapters(selfId: number): NetworkAdapter[] {
    return [...(this.#running.get(selfId)?.values() ?? [])].map((running) => running.adapter);
  }

  async stop(): Promise<void> {
    await this.#queue.idle();
    for (const [, adapters] of this.#running) {
      await Promise.allSettled([...adapters.values()].map((running) => running.adapter.stop()));
    }
    this.#running.clear();
  }

  async #apply(selfId: number, config: OneBotConfig): Promise<ApplyResult> {
    this.#configs.set(selfId, config);
    const current = this.#running.get(selfId) ?? new Map<string, Running>();
    const wanted = enabledEntries(config);
    const result: ApplyResult = { started: [], stopped: [], errors: [], skipped: [] };
    for (const [key, running] of current) {
      if (wanted.get(key)?.fingerprint === running.fingerprint) continue;
      await running.adapter.stop().catch((error: unknown) => this.logger.warn({ err: error, key }, 'adapter stop failed'));
      current.delete(key);
      result.stopped.push(key);
    }
    for (const [key, { kind, fingerprint, create }] of wanted) {
      if (current.has(key)) continue;
      const adapter = create(this.factories, selfId, this.gateway);
      if (!adapter) {
        result.skipped.push({ adapter: key, message: `${kind} adapters are not supported yet` });
        continue;
      }
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

/** One enabled config entry: its kind, its fingerprint, and how to build its adapter. */
interface Enabled {
  readonly kind: AdapterKind;
  readonly fingerprint: string;
  /** The adapter from the kind's factory, which gets the entry as its own config type (undefined: no factory). */
  create(factories: AdapterFactories, selfId: number, gateway: OneBotGateway): NetworkAdapter | undefined;
}

/** Every enabled entry of a config under its adapter key (`kind:name`, made unique by index). */
function enabledEntries(config: OneBotConfig): Map<string, Enabled> {
  const entries = new Map<string, Enabled>();
  const network: { readonly [K in AdapterKind]: readonly AdapterConfigs[K][] } = config.network;
  // Per kind, so each entry meets the factory of its own kind with its own config type.
  const collect = <K extends AdapterKind>(kind: K) => {
    network[kind].forEach((entry, index) => {
      if (!entry.enable) return;
      const key = `${kind}:${entry.name || index}`;
      entries.set(entries.has(key) ? `${key}#${index}` : key, {
        kind,
        fingerprint: JSON.stringify(entry),
        create: (factories, selfId, gateway) => factories[kind]?.(selfId, entry, gateway),
      });
    });
  };
  for (const kind of adapterKinds) collect(kind);
  return entries;
}
