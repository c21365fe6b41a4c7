import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildAdminServer } from '../admin/admin-server.js';
import { hostPolicy } from '../admin/host-guard.js';
import type { OneBotGateway } from '../network/adapter.js';
import { OneBotConfigFiles } from '../network/config-files.js';
import { AdaptersFailedError } from '../network/adapters-failed.js';
import { adaptersBeyondLoopback, isLoopbackHost, milkyBeyondLoopback } from '../network/exposure.js';
import { listenOn } from '../network/listen.js';
import { NetworkManager } from '../network/network-manager.js';
import type { ActionTable } from '../onebot/action-table.js';
import type { ActionServices } from '../onebot/action.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import { EventHub } from '../onebot/events/event-hub.js';
import { allBuilders } from '../onebot/events/builders/index.js';
import { WorldClock, type Clock, nowSeconds } from '../util/clock.js';
import { WorldRandom } from '../util/random.js';
import { Disposables } from '../util/disposables.js';
import { closeWithinGrace } from '../util/http-timeouts.js';
import { createLogger, type Logger } from '../util/logger.js';
import { ensurePrivateDir, ensurePrivateFile } from '../util/private-files.js';
import { MediaService } from '../world/media/media-service.js';
import { createTranslator } from '../world/media/create-translator.js';
import { OcrService } from '../world/media/ocr.js';
import { PaddleOcrEngine } from '../world/media/paddle-ocr-engine.js';
import { SqliteWorldStore } from '../world/store/sqlite/sqlite-store.js';
import { publicUrls } from '../onebot/public-urls.js';
import { applyWorldFile, type WorldFile } from '../world/world-file.js';
import { World } from '../world/world.js';
import { startSnapshot } from '../world/snapshots/snapshot-service.js';
import { Transcript } from '../onebot/transcript/transcript.js';
import { actionRuntime } from './action-runtime.js';
import { adminHooks } from './admin-hooks.js';
import { AdapterRestarts } from './adapter-restarts.js';
import { defaultWorld } from './default-world.js';
import { createOneBotDispatcher } from './onebot-dispatcher.js';
import { startOneBotNetworks } from './start-networks.js';
import { catnapVersion } from './version.js';
import { applyWorldFileAtStart } from './world-at-start.js';
import { catnapApplyOptions } from './world-validation.js';
import { StartupError } from './startup-error.js';
import { CatnapMetrics } from './metrics/catnap-metrics.js';
import { timeStoreWrites } from './metrics/store-timing.js';
import { MilkyRuntime } from './milky-runtime.js';
import { loadSettingsFile, resolveSettings, saveWebuiToken, type Settings } from './settings.js';

export interface CatnapOptions {
  readonly dataDir: string;
  /** A world file applied (idempotently) at start. */
  readonly worldFile?: string;
  readonly webuiPort?: number;
  readonly webuiToken?: string;
  readonly host?: string;
  readonly logger?: Logger;
  /** The source of the world's clock (default real time); a `WorldClock` is used as it is. */
  readonly clock?: Clock;
  /** Start the world's clock frozen, now or at `atMs` (`--clock`). */
  readonly clockStart?: { readonly atMs?: number; readonly frozen: boolean };
  /** Seed of the world's randomness (`--seed`); random when absent. */
  readonly seed?: number;
  /** Create the default world when the data dir is new (default true; tests turn it off). */
  readonly seedDefaultWorld?: boolean;
  /** Watch config files for hot reload (default true). */
  readonly watchConfig?: boolean;
}

export { StartupError };
// Kept importable from here for the callers that found them here first.
export { readWorldFile } from './world-file-reader.js';

export { catnapVersion };

/**
 * One running Catnap: the world, the OneBot dispatcher, every account's network adapters and the
 * admin server. `Catnap.start` does all the I/O; `stop` undoes it in reverse and is idempotent.
 */
export class Catnap {
  readonly #disposables = new Disposables();
  #stopping: Promise<void> | undefined;
  /** Pending set_restart and bot_exit, cleared on stop. */
  readonly #restarts: AdapterRestarts;

  private constructor(
    readonly dataDir: string,
    readonly settings: Readonly<Settings>,
    readonly world: World,
    readonly dispatcher: Dispatcher,
    readonly events: EventHub,
    readonly network: NetworkManager,
    readonly configFiles: OneBotConfigFiles,
    /** Milky beside OneBot: its dispatcher, events, config files and servers. */
    readonly milky: MilkyRuntime,
    readonly logger: Logger,
    /** This Catnap's Prometheus metrics (GET /metrics). */
    readonly metrics: CatnapMetrics,
    /** What happened, in order: the test bench's transcript (marks, waits); `recordExtra` for other areas. */
    readonly transcript: Transcript,
  ) {
    this.#restarts = new AdapterRestarts(network, logger);
  }

  /** The admin server, once listening. */
  admin: FastifyInstance | undefined;
  /** Where the admin API and web UI listen. */
  webuiUrl = '';
  /** True when this start created the default world. */
  createdDefaultWorld = false;
  /** True when this start generated the web UI token (the banner then shows it, once). */
  webuiTokenGenerated = false;
  #storeOpen: () => boolean = () => false;

  static async start(options: CatnapOptions): Promise<Catnap> {
    const logger = options.logger ?? createLogger();
    const dataDir = resolve(options.dataDir);
    const configDir = join(dataDir, 'config');
    await ensurePrivateDir(dataDir);
    await ensurePrivateDir(configDir);
    const settingsPath = join(configDir, 'catnap.json');
    const loaded = await loadSettingsFile(settingsPath);
    if (options.webuiToken !== undefined) await saveWebuiToken(settingsPath, loaded.settings, options.webuiToken);
    const settings = resolveSettings(loaded.settings, {
      webuiPort: options.webuiPort,
      webuiToken: options.webuiToken,
      host: options.host,
    });

    const source = options.clock;
    const clock =
      source instanceof WorldClock ? source : new WorldClock(source ? () => source.nowMs() : Date.now, options.clockStart ?? {});
    const random = new WorldRandom(options.seed, options.seed !== undefined);
    // SQLite gives its -wal and -shm files the database file's mode: create it 0600 first.
    await ensurePrivateFile(join(dataDir, 'catnap.db'));
    const metrics = new CatnapMetrics();
    const store = timeStoreWrites(new SqliteWorldStore(join(dataDir, 'catnap.db')), metrics.storeTimer);
    store.startMaintenance((message) => logger.warn(`WAL checkpoint: ${message}`));
    // The web server's address is only known once it listens (port 0 in tests).
    const catnapRef: { current?: Catnap } = {};
    const media = new MediaService(join(dataDir, 'media'), {
      maxBytes: settings.media.maxBytes,
      timeoutMs: settings.media.downloadTimeoutMs,
      allowPrivateNetworks: settings.media.allowPrivateNetworks,
      localFiles: {
        roots: settings.media.fileRoots,
        denied: [dataDir, ...(options.worldFile ? [resolve(options.worldFile)] : [])],
        anywhere: () => catnapRef.current?.onLoopbackOnly() ?? false,
      },
    });
    const world = new World({
      store,
      clock,
      random,
      snapshotDir: join(dataDir, 'snapshots'),
      media,
      limits: settings.limits,
      onListenerError: (error, event) => logger.error({ err: error, event: event.type }, 'domain event listener failed'),
    });
    const services: ActionServices = {
      world,
      logger,
      urls: publicUrls(
        () => settings.media.publicBaseUrl || catnapRef.current?.webuiUrl || `http://${settings.webui.host}:${settings.webui.port}`,
      ),
      // Both load their data on first use, so start-up stays fast.
      ocr: new OcrService(media, new PaddleOcrEngine()),
      translator: createTranslator(settings.translation),
      messageLimits: settings.message,
      info: {
        appName: 'Catnap',
        appVersion: catnapVersion,
        startedAt: nowSeconds(clock),
        robotUinRanges: settings.robotUinRanges,
      },
      runtime: actionRuntime(() => catnapRef.current),
    };
    const events = new EventHub(world, { urls: services.urls }, logger.child({ component: 'events' }), allBuilders);
    const { dispatcher, actions } = createOneBotDispatcher(world, events, services, settings, logger);
    const gateway: OneBotGateway = {
      dispatcher,
      events,
      clock,
      logger: logger.child({ component: 'network' }),
      bodyLimit: settings.api.bodyLimit,
      requestTimeoutMs: settings.api.requestTimeoutMs,
      browser: { allowedOrigins: settings.api.allowedOrigins },
      observer: metrics.observer,
    };
    const network = new NetworkManager(gateway, gateway.logger);
    const configFiles = new OneBotConfigFiles(configDir);
    const milky = new MilkyRuntime({
      world,
      logger,
      urls: services.urls,
      clock,
      configDir,
      bodyLimit: settings.api.bodyLimit,
      requestTimeoutMs: settings.api.requestTimeoutMs,
      browser: { allowedOrigins: settings.api.allowedOrigins },
      version: catnapVersion,
      sendTimeoutMs: settings.faults.sendTimeoutMs,
    });
    const catnap = new Catnap(
      dataDir,
      settings,
      world,
      dispatcher,
      events,
      network,
      configFiles,
      milky,
      logger,
      metrics,
      new Transcript(world.clock),
    );
    catnapRef.current = catnap;
    catnap.webuiTokenGenerated = loaded.generatedToken && options.webuiToken === undefined;
    catnap.#storeOpen = () => store.db.open;
    metrics.observeDispatcher(dispatcher);
    metrics.observeWorld(world);
    metrics.observeNetwork(network, () => catnap.unready());
    catnap.#disposables.add(() => metrics.stop());
    catnap.#disposables.add(() => world.close());
    catnap.#disposables.add(() => dispatcher.close());
    catnap.#disposables.add(() => dispatcher.idle());
    catnap.#disposables.add(events.start());
    catnap.#disposables.add(() => network.stop());
    // Runs before network.stop: a call a fault holds (no_reply) must not keep its HTTP server open.
    catnap.#disposables.add(() => dispatcher.releaseHeld());
    catnap.#disposables.add(() => catnap.#restarts.clear());

    try {
      await catnap.#seed(options);
      // `POST /api/world/reset` goes back here: the world as this start made it.
      await world.snapshots.save(startSnapshot);
      // Media a failed send or refused upload stored before its unit rolled back (before any adapter listens).
      await world.sweepBlobs().then(
        (report) => report.removed > 0 && logger.info(report, 'removed media blobs nothing refers to'),
        (error: unknown) => logger.warn({ err: error }, 'the media sweep failed'),
      );
      // Recorded from here on: what the world file did is the starting state, not news.
      catnap.#disposables.add(catnap.transcript.attach(world, dispatcher, { urls: services.urls, dialect: 'napcat' }));
      catnap.#disposables.add(
        milky.dispatcher.onCall(({ selfId, api, input, reply }) =>
          catnap.transcript.recordCall({
            selfId,
            transport: 'milky',
            action: api,
            params: input,
            status: reply.status,
            retcode: reply.retcode,
          }),
        ),
      );
      await startOneBotNetworks(world, network, configFiles, logger);
      const milkyProblems = await milky.start(catnap.#disposables);
      if (milkyProblems.length > 0) throw new StartupError(`could not start the Milky servers:\n  ${milkyProblems.join('\n  ')}`);
      if (options.watchConfig !== false) {
        catnap.#disposables.add(configFiles.watch((selfId) => void catnap.reloadAccount(selfId)));
        catnap.#disposables.add(milky.files.watch((selfId) => void (catnap.#disposables.disposed || milky.reload(selfId))));
      }
      await catnap.#startAdmin(actions);
    } catch (error) {
      await catnap.stop();
      throw error;
    }
    return catnap;
  }

  /** Why Catnap is not ready (GET /readyz): a closed store, adapters not serving. Empty when ready. */
  unready(): string[] {
    if (this.#disposables.disposed) return ['Catnap is stopping'];
    return [...(this.#storeOpen() ? [] : ['the world store is closed']), ...this.network.unready()];
  }

  /** Re-reads one account's config file and reconciles its adapters (hot reload). */
  async reloadAccount(selfId: number): Promise<void> {
    if (this.#disposables.disposed) return;
    try {
      const config = await this.configFiles.read(selfId);
      if (!(await this.world.accounts.find(selfId))) {
        this.logger.warn({ selfId }, `config file for ${selfId} ignored: no such account`);
        return;
      }
      const result = config ? await this.network.apply(selfId, config) : await this.network.remove(selfId);
      for (const error of result.errors) this.logger.error({ selfId, adapter: error.adapter }, error.message);
      if (result.started.length + result.stopped.length > 0) {
        this.logger.info({ selfId, started: result.started, stopped: result.stopped }, 'network config reloaded');
      }
    } catch (error) {
      this.logger.error({ selfId, err: error }, `config of ${selfId} not applied: ${(error as Error).message}`);
    }
  }

  /** Restarts (or, with `stopOnly`, stops) every adapter of an account after `delayMs` (set_restart, bot_exit). */
  restartAdapters(selfId: number, delayMs: number, options: { stopOnly?: boolean } = {}): void {
    this.#restarts.schedule(selfId, delayMs, options);
  }

  /**
   * Whether nothing of Catnap is reachable from another machine: the web UI and every enabled
   * adapter listen on (or connect to) loopback. Decides whether bots may name any local file.
   */
  onLoopbackOnly(): boolean {
    if (!isLoopbackHost(this.settings.webui.host)) return false;
    const onebot = this.network.accounts().every((selfId) => {
      const config = this.network.config(selfId);
      return !config || adaptersBeyondLoopback(config).length === 0;
    });
    return (
      onebot &&
      this.milky.manager.accounts().every((selfId) => {
        const config = this.milky.manager.config(selfId);
        return !config || milkyBeyondLoopback(config).length === 0;
      })
    );
  }

  /** Validates, saves and applies one account's OneBot config; an AdaptersFailedError leaves it saved. */
  async writeOnebotConfig(selfId: number, config: unknown): Promise<void> {
    await this.world.accounts.require(selfId);
    const parsed = await this.configFiles.write(selfId, config);
    const result = await this.network.apply(selfId, parsed);
    if (result.errors.length > 0) throw new AdaptersFailedError(result.errors);
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const errors = await this.#disposables.dispose();
      for (const error of errors) this.logger.error({ err: error }, 'error while stopping');
    })();
    return this.#stopping;
  }

  async #seed(options: CatnapOptions): Promise<void> {
    const fresh = this.world.accounts.count() === 0;
    // A world file on a fresh data dir defines the whole world; the default world is for bare starts.
    if (fresh && options.seedDefaultWorld !== false && !options.worldFile) {
      await this.#applyWorld(defaultWorld(options.host ?? '127.0.0.1'));
      this.createdDefaultWorld = true;
    }
    if (options.worldFile) {
      const result = await applyWorldFileAtStart(this.world, options.worldFile, {
        onebot: (userId, config) => this.configFiles.write(userId, config),
        milky: (userId, config) => this.milky.files.write(userId, config),
      });
      if (result.outcome === 'unchanged')
        this.logger.info(`world file ${options.worldFile} unchanged since it was applied; not applied again`);
    }
  }

  async #applyWorld(file: WorldFile | unknown): Promise<void> {
    const summary = await applyWorldFile(this.world, file, catnapApplyOptions);
    for (const { userId, config } of summary.onebot) await this.configFiles.write(userId, config);
    for (const { userId, config } of summary.milky) await this.milky.files.write(userId, config);
  }

  async #startAdmin(actions: ActionTable): Promise<void> {
    const app = await buildAdminServer(
      {
        world: this.world,
        dispatcher: this.dispatcher,
        actions,
        logger: this.logger.child({ component: 'admin' }),
        hooks: adminHooks(this),
        transcript: this.transcript,
      },
      {
        token: this.settings.webui.token,
        bodyLimit: this.settings.api.bodyLimit,
        requestTimeoutMs: this.settings.api.requestTimeoutMs,
        version: catnapVersion,
        publicMetrics: this.settings.metrics.public,
        hosts: hostPolicy(this.settings.webui.allowedHosts, isLoopbackHost(this.settings.webui.host)),
      },
    );
    this.#disposables.add(() => closeWithinGrace(app));
    const port = await listenOn(app, this.settings.webui.host, this.settings.webui.port, 'the web UI and admin API').catch(
      (error: Error) => {
        throw new StartupError(`${error.message}; choose another with --webui-port`);
      },
    );
    this.admin = app;
    this.webuiUrl = `http://${this.settings.webui.host}:${port}`;
  }
}
