/**
 * `catnap/testing`: test a bot against a Catnap world over the real wire, from vitest, jest,
 * node:test or a plain script.
 *
 *   const world = await startWorld({ world: 'world.yaml' });
 *   await world.startBot('node bot.js');
 *   await world.user(20001).say('/ping', { group: 30001 });
 *   await world.expectMessage({ text: 'pong', group: 30001 });
 *   await world.stop();
 */
export { attachWorld, startWorld, TestClock, TestWorld } from './test-world.js';
export { TestGroup, TestUser, type Said } from './people.js';
export { TestFaults, type DisconnectOptions } from './test-faults.js';
export type { FaultRuleInput } from '../../contract/fault-rule.js';
export type { FaultRuleView } from '../../contract/admin/faults.js';
export { ExpectationError, type CallMatch, type MessageMatch, type WithinOptions } from './expectations.js';
export {
  BenchApi,
  type ClockChange,
  type ClockState,
  type Mark,
  type SnapshotListing,
  type TranscriptEntry,
  type WaitMatch,
  type WaitMatchOf,
  type WaitOutcome,
} from './bench-api.js';
export { startBot, waitForBot, type BotProcess } from './bot-process.js';
export { launchTestCatnap, type LaunchOptions, type LaunchedCatnap } from './test-catnap.js';
export { botEnv, prepareTestWorld, type BotEndpoints } from './test-world-file.js';
export type { WorldFile } from '../../world/world-file.js';
