import { join } from 'node:path';
import { readScenario, type Scenario } from '../../src/app/testing/scenario/load-scenarios.js';
import { runScenarios } from '../../src/app/testing/scenario/run-scenarios.js';
import { median } from '../lib/stats.js';

/**
 * What `catnap test` costs per scenario with a connected bot (the node-napcat-ts example): the
 * restore of the start snapshot plus a 3-step scenario (say, expect the answer, expect the call),
 * over `count` scenarios in one run; and the whole run, Catnap and bot start included.
 */
export async function scenarioOverhead(count: number): Promise<{ perScenarioMs: number; suiteMs: number; failed: number }> {
  const file = join(process.cwd(), 'bench/scenarios/ping.yaml');
  const scenario = readScenario(
    {
      group: 30001,
      user: 20001,
      steps: [{ say: '/ping' }, { expect: 'pong' }, { expect_call: { action: 'send_group_msg', params: { group_id: 30001 } } }],
    },
    file,
  );
  if ('problems' in scenario) throw new Error(scenario.problems.join('\n'));
  const scenarios: Scenario[] = Array.from({ length: count }, (_, index) => ({ ...scenario, name: `ping ${index + 1}` }));
  const started = Date.now();
  const results = await runScenarios(scenarios, { bot: 'node examples/napcat-ts/bot.js', reporter: { end() {} } });
  return {
    perScenarioMs: median(results.map((result) => result.durationMs)),
    suiteMs: Date.now() - started,
    failed: results.filter((result) => result.status !== 'passed').length,
  };
}
