import type { Logger } from '../../../util/logger.js';
import type { BotProcess } from '../bot-process.js';
import { botConnected, describeExit, startBot, waitForBot } from '../bot-process.js';
import type { WorldFile } from '../../../world/world-file.js';
import { startWorld, type TestWorld } from '../test-world.js';
import type { Scenario } from './load-scenarios.js';
import type { StepContext } from './step.js';

export type Status = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  readonly description: string;
  readonly status: Status;
  readonly durationMs: number;
  readonly error?: string;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly status: Status;
  readonly durationMs: number;
  readonly steps: readonly StepResult[];
  /** Why it failed (the failing step's message, or why it could not run). */
  readonly error?: string;
  /** For a failure: the transcript of the scenario (the world's compact text form). */
  readonly transcript?: string;
  /** For a failure: what the bot printed while the scenario ran. */
  readonly botOutput?: string;
}

/** Told of progress as it happens; `end` gets everything. */
export interface Reporter {
  scenarioStart?(scenario: Scenario): void;
  step?(scenario: Scenario, result: StepResult): void;
  scenarioEnd?(result: ScenarioResult): void;
  end(results: readonly ScenarioResult[], durationMs: number): void | Promise<void>;
}

export interface RunOptions {
  /** The run's world (a scenario's own `world:` wins); default: the default world. */
  readonly world?: string;
  /** The shell command that starts the bot under test. */
  readonly bot?: string;
  /** The account the bot logs in as (default: the world's first bot account). */
  readonly botAccount?: number;
  readonly connectTimeoutMs?: number;
  readonly cwd?: string;
  readonly reporter: Reporter;
  readonly logger?: Logger;
  readonly seed?: number;
  readonly clock?: 'frozen' | string | number;
}

/** The snapshot every scenario starts from: the world once the bot has connected. */
const startSnapshot = 'catnap-test-start';

/**
 * Runs scenarios: one Catnap (and one bot) per world, every scenario from the same snapshot,
 * steps in order until the first failure. Never throws for a failing scenario or bot: it reports.
 */
export async function runScenarios(scenarios: readonly Scenario[], options: RunOptions): Promise<ScenarioResult[]> {
  const started = Date.now();
  const results: ScenarioResult[] = [];
  for (const [world, group] of byWorld(scenarios, options.world)) {
    results.push(...(await runWorld(world, group, options)));
  }
  await options.reporter.end(results, Date.now() - started);
  return results;
}

function byWorld(scenarios: readonly Scenario[], fallback: string | undefined): Map<string | WorldFile | undefined, Scenario[]> {
  const groups = new Map<string, { world: string | WorldFile | undefined; list: Scenario[] }>();
  for (const scenario of scenarios) {
    const world = (scenario.world as string | WorldFile | undefined) ?? fallback;
    const key = JSON.stringify(world ?? null);
    const entry = groups.get(key) ?? { world, list: [] };
    entry.list.push(scenario);
    groups.set(key, entry);
  }
  return new Map([...groups.values()].map(({ world, list }) => [world, list]));
}

async function runWorld(
  worldSource: string | WorldFile | undefined,
  scenarios: Scenario[],
  options: RunOptions,
): Promise<ScenarioResult[]> {
  const { reporter } = options;
  const failAll = (error: string, botOutput?: string): ScenarioResult[] =>
    scenarios.map((scenario) => {
      const result: ScenarioResult = { scenario, status: 'failed', durationMs: 0, steps: [], error, ...(botOutput && { botOutput }) };
      reporter.scenarioStart?.(scenario);
      reporter.scenarioEnd?.(result);
      return result;
    });
  let world: TestWorld;
  try {
    world = await startWorld({
      ...(worldSource !== undefined && { world: worldSource }),
      ...(options.botAccount !== undefined && { bot: options.botAccount }),
      ...(options.logger && { logger: options.logger }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.clock !== undefined && { clock: options.clock }),
    });
  } catch (error) {
    return failAll(`Catnap could not start: ${(error as Error).message}`);
  }
  let bot: BotProcess | undefined;
  try {
    if (options.bot) {
      bot = startBot(options.bot, world.bot!, { ...(options.cwd && { cwd: options.cwd }) });
      try {
        await waitForBot(world.api, world.bot!.selfId, { bot, timeoutMs: options.connectTimeoutMs ?? 20_000 });
      } catch (error) {
        return failAll((error as Error).message, bot.output());
      }
    }
    await world.snapshot(startSnapshot);
    const results: ScenarioResult[] = [];
    const crash: Crash = {};
    for (const scenario of scenarios) results.push(await runOne(world, scenario, bot, crash, options));
    return results;
  } finally {
    await bot?.stop();
    await world.stop();
  }
}

/** Where the bot's process exited, once it has: later scenarios fail at once instead of waiting out every expectation. */
interface Crash {
  scenario?: string;
}

/**
 * Whether the bot is gone: its process exited and nothing holds a connection to its account (a
 * launcher that exits once the bot runs, `docker run -d`, leaves the connection behind).
 */
async function botGone(world: TestWorld, bot: BotProcess | undefined): Promise<boolean> {
  if (bot?.exitCode() === undefined) return false;
  return !(await botConnected(world.api, world.botId!).catch(() => false));
}

async function runOne(
  world: TestWorld,
  scenario: Scenario,
  bot: BotProcess | undefined,
  crash: Crash,
  options: RunOptions,
): Promise<ScenarioResult> {
  const { reporter } = options;
  reporter.scenarioStart?.(scenario);
  const started = Date.now();
  const ctx: StepContext = { world, group: scenario.group, user: scenario.user, botId: world.botId!, dir: scenario.file, marks: new Map() };
  const steps: StepResult[] = [];
  const finish = (result: ScenarioResult) => {
    reporter.scenarioEnd?.(result);
    return result;
  };
  if (scenario.skip) {
    return finish({ scenario, status: 'skipped', durationMs: 0, steps: [] });
  }
  if (await botGone(world, bot)) {
    const when = crash.scenario !== undefined ? `during "${crash.scenario}"` : 'before this scenario';
    return finish({
      scenario,
      status: 'failed',
      durationMs: 0,
      steps,
      error: `not run: the bot ${describeExit(bot!.exitCode() ?? null, bot!.exitSignal())} ${when} and is not connected`,
    });
  }
  let since: Awaited<ReturnType<TestWorld['mark']>> | undefined;
  const botFrom = bot?.position() ?? 0;
  // A crash during this scenario fails it (an expect_none would pass on a dead bot) and says so.
  const crashed = async () => {
    if (crash.scenario !== undefined || !(await botGone(world, bot))) return undefined;
    crash.scenario = scenario.name;
    return `the bot ${describeExit(bot!.exitCode() ?? null, bot!.exitSignal())} during this scenario`;
  };
  try {
    await world.restore(startSnapshot);
    since = await world.mark();
  } catch (error) {
    return finish({
      scenario,
      status: 'failed',
      durationMs: Date.now() - started,
      steps,
      error: `restoring the start state: ${(error as Error).message}`,
    });
  }
  let failure: string | undefined;
  for (const step of scenario.steps) {
    const description = step.spec.describe(step.value as never, ctx);
    if (failure !== undefined) {
      const skipped: StepResult = { description, status: 'skipped', durationMs: 0 };
      steps.push(skipped);
      reporter.step?.(scenario, skipped);
      continue;
    }
    const stepStarted = Date.now();
    let result: StepResult;
    try {
      await step.spec.run(ctx, step.value as never);
      result = { description, status: 'passed', durationMs: Date.now() - stepStarted };
    } catch (error) {
      const exited = await crashed();
      failure = exited === undefined ? (error as Error).message : `${(error as Error).message}\n${exited}`;
      result = { description, status: 'failed', durationMs: Date.now() - stepStarted, error: failure };
    }
    steps.push(result);
    reporter.step?.(scenario, result);
  }
  failure ??= await crashed();
  const durationMs = Date.now() - started;
  if (failure === undefined) return finish({ scenario, status: 'passed', durationMs, steps });
  const transcript = await world
    .transcript({ ...(since !== undefined && { since }), format: 'text' })
    .catch((error: Error) => `(no transcript: ${error.message})`);
  return finish({
    scenario,
    status: 'failed',
    durationMs,
    steps,
    error: failure,
    transcript,
    ...(bot && { botOutput: bot.output(botFrom) }),
  });
}
