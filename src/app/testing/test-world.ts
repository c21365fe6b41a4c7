import { resolveConnection } from '../remote/catnap-client.js';
import {
  BenchApi,
  type ClockChange,
  type ClockState,
  type Mark,
  type SnapshotListing,
  type TranscriptEntry,
  type WaitMatch,
} from './bench-api.js';
import { botConnections, startBot, waitForBot, type BotProcess } from './bot-process.js';
import {
  defaultSilenceMs,
  expectCall,
  expectMessage,
  expectNone,
  messageWait,
  type CallMatch,
  type MessageMatch,
  type WithinOptions,
} from './expectations.js';
import { TestGroup, TestUser, type VerbHost } from './people.js';
import { TestFaults } from './test-faults.js';
import { launchTestCatnap, type LaunchOptions, type LaunchedCatnap } from './test-catnap.js';
import { botEndpoints, botEnv, type BotEndpoints } from './test-world-file.js';

/** The world's clock, driven by the test. */
export class TestClock {
  constructor(private readonly world: TestWorld) {}

  now(): Promise<ClockState> {
    return this.world.api.clock();
  }

  /** Moves the clock on: ms, or "90s", "10m", "1d". Mutes that end on the way are lifted (with their notices). */
  async advance(by: number | string): Promise<ClockState> {
    await this.world.beforeAction();
    return this.world.api.setClock({ advance: by });
  }

  /** Sets the time (unix seconds or ISO 8601): a jump like `advance`, so it marks the transcript too. */
  async set(to: number | string): Promise<ClockState> {
    await this.world.beforeAction();
    return this.world.api.setClock({ set: to });
  }

  /**
   * Stops (or restarts) the clock. Not a verb: nothing happens that a bot answers, so the mark
   * stays where the last verb put it and an expectation still sees the answers to that verb.
   */
  freeze(frozen = true): Promise<ClockState> {
    return this.world.api.setClock({ freeze: frozen });
  }

  /** Any clock change at once; one that moves the time (`advance`, `set`) marks the transcript. */
  async change(change: ClockChange): Promise<ClockState> {
    if (change.advance !== undefined || change.set !== undefined) await this.world.beforeAction();
    return this.world.api.setClock(change);
  }
}

/**
 * A Catnap world under test: people who say things and change the world, expectations on what
 * the bot does, the clock, snapshots and the transcript. `startWorld` starts one in this process;
 * `attachWorld` drives a running one. `stop()` (or `await using`) cleans up.
 */
export class TestWorld implements VerbHost {
  readonly clock = new TestClock(this);
  /** Fault rules, the bot's health and dropped connections (docs/faults.md). */
  readonly faults: TestFaults;
  readonly #bots: BotProcess[] = [];
  #since: Mark | undefined;

  constructor(
    readonly api: BenchApi,
    /** The bot under test: where it connects and the environment that says so. */
    readonly bot: BotEndpoints | undefined,
    private readonly launched?: LaunchedCatnap,
  ) {
    this.faults = new TestFaults(api, () => {
      if (!this.bot) throw new Error('this world has no bot account');
      return this.bot.selfId;
    });
  }

  get botId(): number | undefined {
    return this.bot?.selfId;
  }

  /** The running Catnap, when this world started it in this process. */
  get catnap(): LaunchedCatnap['catnap'] | undefined {
    return this.launched?.catnap;
  }

  /** `CATNAP_WS_URL`, `CATNAP_HTTP_URL`, `CATNAP_TOKEN`, `CATNAP_SELF_ID` for the bot's process. */
  botEnv(): Record<string, string> {
    if (!this.bot) throw new Error('this world has no bot account');
    return botEnv(this.bot);
  }

  user(id: number): TestUser {
    return new TestUser(this, id);
  }

  group(id: number): TestGroup {
    return new TestGroup(this, id);
  }

  /** Marks the transcript here: expectations count from the latest mark (each action makes one). */
  async mark(): Promise<Mark> {
    this.#since = await this.api.mark();
    return this.#since;
  }

  /** @internal Every verb calls this first. */
  async beforeAction(): Promise<void> {
    await this.mark();
  }

  /** Waits for the bot's message (by default since just before the last action); throws with the nearest one. */
  expectMessage(match: MessageMatch, options: WithinOptions = {}): Promise<TranscriptEntry> {
    return expectMessage(this.api, match, this.botId, options.since ?? this.#since, options.within);
  }

  /** Waits for the bot to call `action` with at least `params`. */
  expectCall(action: string, params?: Record<string, unknown>, options: WithinOptions & { self?: number } = {}): Promise<TranscriptEntry> {
    const match: CallMatch = { action, ...(params && { params }), ...(options.self !== undefined && { self: options.self }) };
    return expectCall(this.api, match, this.botId, options.since ?? this.#since, options.within);
  }

  /** Passes when the bot sends no matching message for `within` ms (default 500). */
  expectNone(match: MessageMatch | WaitMatch = {}, options: WithinOptions = {}): Promise<void> {
    const wait = 'kind' in match ? match : messageWait(match, this.botId);
    return expectNone(this.api, wait, options.since ?? this.#since, options.within ?? defaultSilenceMs);
  }

  snapshot(name: string): Promise<unknown> {
    return this.api.snapshot(name);
  }

  /**
   * The saved snapshots, oldest first, and under `damaged` (`{ name, problem }`) those whose
   * clock and random source cannot be read: listed apart, since a restore of one fails (delete it or save again).
   */
  snapshots(): Promise<SnapshotListing> {
    return this.api.snapshots();
  }

  async restore(name: string): Promise<void> {
    await this.api.restore(name);
    await this.mark();
  }

  /** Back to the state right after start (the `start` snapshot). */
  async reset(): Promise<void> {
    await this.api.reset();
    await this.mark();
  }

  /** The transcript since `since` (default: everything), as entries or as stable text. */
  transcript(options: { since?: Mark; format: 'text' }): Promise<string>;
  transcript(options?: { since?: Mark; format?: 'json' }): Promise<TranscriptEntry[]>;
  transcript(options: { since?: Mark; format?: 'json' | 'text' } = {}): Promise<TranscriptEntry[] | string> {
    return options.format === 'text' ? this.api.transcriptText(options.since) : this.api.transcript(options.since);
  }

  /** Starts the bot under test (a shell command) with the bot variables and waits until it connects. */
  async startBot(command: string, options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<BotProcess> {
    if (!this.bot) throw new Error('this world has no bot account');
    const bot = startBot(command, this.bot, options);
    this.#bots.push(bot);
    try {
      await waitForBot(this.api, this.bot.selfId, { bot, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) });
    } catch (error) {
      await bot.stop();
      throw new Error(`${(error as Error).message}; its output:\n${bot.output()}`, { cause: error });
    }
    return bot;
  }

  /**
   * Waits until a bot (started elsewhere) is connected to the bot account; with `excluding`
   * (from `botConnections`), through a connection made since.
   */
  waitForBot(timeoutMs?: number, excluding?: ReadonlySet<string>): Promise<void> {
    if (!this.bot) throw new Error('this world has no bot account');
    return waitForBot(this.api, this.bot.selfId, { ...(timeoutMs !== undefined && { timeoutMs }), ...(excluding && { excluding }) });
  }

  /** The bot account's client connections now, for `waitForBot` to tell a reconnect from them. */
  botConnections(): Promise<Set<string>> {
    if (!this.bot) throw new Error('this world has no bot account');
    return botConnections(this.api, this.bot.selfId);
  }

  /**
   * Stops the bots this world started, and Catnap if it started it; ends what is still waiting on
   * it (an expectation of a test that timed out). Idempotent.
   */
  async stop(): Promise<void> {
    await Promise.all(this.#bots.splice(0).map((bot) => bot.stop()));
    // A Catnap this world started ends its pending waits itself as it stops (503 STOPPING).
    await this.launched?.stop();
    this.api.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Starts Catnap in this process on free ports with a fresh data folder and the given world. */
export async function startWorld(options: LaunchOptions = {}): Promise<TestWorld> {
  const launched = await launchTestCatnap(options);
  const world = new TestWorld(new BenchApi(launched.connection), launched.bot, launched);
  await world.mark();
  return world;
}

/**
 * Drives a Catnap that runs elsewhere (its admin URL and web UI token; default `CATNAP_URL` and
 * `CATNAP_TOKEN`). The bot account is `bot`, else the first bot account with a OneBot config.
 */
export async function attachWorld(options: { url?: string; token?: string; bot?: number } = {}): Promise<TestWorld> {
  const connection = await resolveConnection(
    { ...(options.url && { url: options.url }), ...(options.token && { token: options.token }) },
    process.env,
  );
  const api = new BenchApi(connection);
  const bots = await api.request<
    { user_id: number; bot: boolean; has_config: boolean; removed?: boolean; adapters: Parameters<typeof botEndpoints>[2] }[]
  >('GET', '/api/bots');
  // An account a restore removed is listed while its adapters run, but it is nobody to test.
  const account = bots.find((candidate) =>
    options.bot !== undefined ? candidate.user_id === options.bot : candidate.has_config && candidate.removed !== true,
  );
  let bot: BotEndpoints | undefined;
  if (account) {
    const config = await api.request<{ config?: { network?: Record<string, { token?: string; enable?: boolean }[]> } }>(
      'GET',
      `/api/bots/${account.user_id}/onebot`,
    );
    const network = config.config?.network ?? {};
    const token =
      [...(network.websocketServers ?? []), ...(network.httpServers ?? [])].find((entry) => entry.enable !== false)?.token ?? '';
    bot = botEndpoints(account.user_id, token, account.adapters);
  }
  const world = new TestWorld(api, bot);
  await world.mark();
  return world;
}
