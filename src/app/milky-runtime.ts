import { allMilkyApis } from '../milky/apis/index.js';
import { MilkyDispatcher } from '../milky/dispatcher.js';
import { MilkyEventHub } from '../milky/events/milky-event-hub.js';
import { AdaptersFailedError } from '../network/adapters-failed.js';
import { MilkyConfigFiles } from '../network/config-files.js';
import type { ApplyResult } from '../network/network-manager.js';
import { parseMilkyConfig, type MilkyConfig } from '../network/milky/milky-config.js';
import type { BrowserPolicy } from '../network/browser-guard.js';
import type { MilkyGateway } from '../network/milky/milky-gateway.js';
import { MilkyManager } from '../network/milky/milky-manager.js';
import type { Clock } from '../util/clock.js';
import { type Disposables } from '../util/disposables.js';
import type { Logger } from '../util/logger.js';
import type { PublicUrls } from '../util/public-urls.js';
import type { World } from '../world/world.js';

export interface MilkyRuntimeOptions {
  readonly world: World;
  readonly logger: Logger;
  readonly urls: PublicUrls;
  readonly clock: Clock;
  readonly configDir: string;
  readonly bodyLimit: number;
  /** catnap.json `api.requestTimeoutMs` and `api.allowedOrigins`, as for OneBot's adapters. */
  readonly requestTimeoutMs?: number;
  readonly browser?: BrowserPolicy;
  readonly version: string;
  /** How long a zombie account's changes hang before they fail (catnap.json `faults.sendTimeoutMs`). */
  readonly sendTimeoutMs?: number;
}

/**
 * Milky beside OneBot in one Catnap: the Milky dispatcher and event hub over the same world, every
 * account's `milky_<uin>.json`, and the servers and WebHooks they describe. Catnap starts it,
 * hot-reloads its config files, and disposes it with everything else.
 */
export class MilkyRuntime {
  readonly dispatcher: MilkyDispatcher;
  readonly events: MilkyEventHub;
  readonly manager: MilkyManager;
  readonly files: MilkyConfigFiles;
  readonly #logger: Logger;

  constructor(private readonly options: MilkyRuntimeOptions) {
    this.#logger = options.logger.child({ component: 'milky' });
    this.dispatcher = new MilkyDispatcher(
      allMilkyApis,
      {
        world: options.world,
        logger: options.logger,
        urls: options.urls,
        info: { implName: 'Catnap', implVersion: options.version },
      },
      { faults: { sendTimeoutMs: options.sendTimeoutMs } },
    );
    this.events = new MilkyEventHub(options.world, options.urls, this.#logger);
    const gateway: MilkyGateway = {
      dispatcher: this.dispatcher,
      events: this.events,
      clock: options.clock,
      logger: options.logger.child({ component: 'network' }),
      bodyLimit: options.bodyLimit,
      requestTimeoutMs: options.requestTimeoutMs,
      browser: options.browser,
    };
    this.manager = new MilkyManager(gateway);
    this.files = new MilkyConfigFiles(options.configDir);
  }

  /** Starts the event hub and every account's Milky config; returns the problems that stopped one. */
  async start(disposables: Disposables): Promise<string[]> {
    disposables.add(this.events.start());
    disposables.add(() => this.manager.stop());
    // Runs before the servers stop (disposables go in reverse): a call a fault holds (no_reply)
    // must not keep its HTTP server open.
    disposables.add(() => this.dispatcher.close());
    const problems: string[] = [];
    for (const selfId of await this.files.list()) {
      if (!(await this.options.world.accounts.find(selfId))) {
        this.#logger.warn(`config/${this.files.nameOf(selfId)} ignored: there is no account ${selfId}`);
        continue;
      }
      try {
        const result = await this.manager.apply(selfId, await this.files.read(selfId));
        problems.push(...result.errors.map((error) => `account ${selfId}, ${error.adapter}: ${error.message}`));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    return problems;
  }

  /** Re-reads one account's milky_<uin>.json and reconciles its server and WebHooks (hot reload). */
  async reload(selfId: number): Promise<void> {
    try {
      if (!(await this.options.world.accounts.find(selfId))) {
        this.#logger.warn({ selfId }, `config/${this.files.nameOf(selfId)} ignored: no such account`);
        return;
      }
      this.#report(selfId, await this.manager.apply(selfId, await this.files.read(selfId)));
    } catch (error) {
      this.#logger.error({ selfId, err: error }, `Milky config of ${selfId} not applied: ${(error as Error).message}`);
    }
  }

  /** Validates, saves and applies one account's Milky config; throws AdaptersFailedError (leaving it saved) when part of it could not start. */
  async write(selfId: number, config: unknown): Promise<void> {
    await this.options.world.accounts.require(selfId);
    const result = await this.manager.apply(selfId, await this.files.write(selfId, config));
    if (result.errors.length > 0) throw new AdaptersFailedError(result.errors);
  }

  validate(config: unknown, source = 'milky config'): MilkyConfig {
    return parseMilkyConfig(config, source);
  }

  /** The banner's lines: where each account's Milky server listens and where its WebHooks post. */
  bannerLines(nickname: (selfId: number) => string): string[] {
    const lines: string[] = [];
    for (const selfId of this.manager.accounts()) {
      const config = this.manager.config(selfId);
      // Never the token itself (see the OneBot banner lines): where it is kept.
      const token = config?.http.accessToken ? ` (token in ${this.files.pathOf(selfId)})` : ' (no token)';
      for (const status of this.manager.status(selfId)) {
        const what =
          status.kind === 'milky'
            ? `Milky ${status.endpoint} (API ${status.endpoint}/api, events ${status.endpoint}/event)`
            : `Milky WebHook ${status.endpoint}`;
        lines.push(`Account ${selfId} (${nickname(selfId)}): ${what}${status.kind === 'milky' ? token : ''}`);
      }
    }
    return lines;
  }

  #report(selfId: number, result: ApplyResult): void {
    for (const error of result.errors) this.#logger.error({ selfId, adapter: error.adapter }, error.message);
    if (result.started.length + result.stopped.length > 0) {
      this.#logger.info({ selfId, started: result.started, stopped: result.stopped }, 'Milky config reloaded');
    }
  }
}
