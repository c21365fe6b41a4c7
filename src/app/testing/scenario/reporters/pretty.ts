import { relative } from 'node:path';
import type { Reporter, ScenarioResult } from '../run-scenarios.js';

const marks = { passed: '✓', failed: '✗', skipped: '-' } as const;
const indent = (text: string, by: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

/** Progress as a test runner prints it: each scenario, each step, and the story of each failure. */
export function prettyReporter(write: (text: string) => void, cwd = process.cwd()): Reporter {
  let file: string | undefined;
  return {
    scenarioStart(scenario) {
      if (scenario.file !== file) {
        file = scenario.file;
        write(`\n${relative(cwd, file) || file}\n`);
      }
      write(`  ${scenario.name}\n`);
    },
    step(_scenario, result) {
      write(`    ${marks[result.status]} ${result.description}${result.status === 'passed' ? ` (${result.durationMs} ms)` : ''}\n`);
      if (result.error) write(`${indent(result.error, '        ')}\n`);
    },
    scenarioEnd(result) {
      write(
        `  ${marks[result.status]} ${result.scenario.name}${result.status === 'skipped' ? ' (skipped)' : ` (${result.durationMs} ms)`}\n`,
      );
      if (result.status !== 'failed') return;
      if (result.error && result.steps.every((step) => step.status !== 'failed')) write(`${indent(result.error, '      ')}\n`);
      if (result.transcript !== undefined) write(`    transcript:\n${indent(result.transcript || '(nothing happened)', '      ')}\n`);
      if (result.botOutput !== undefined) write(`    bot output:\n${indent(result.botOutput || '(nothing)', '      ')}\n`);
    },
    end(results, durationMs) {
      write(`\n${summary(results)} (${(durationMs / 1000).toFixed(1)} s)\n`);
    },
  };
}

export function summary(results: readonly ScenarioResult[]): string {
  const count = (status: string) => results.filter((result) => result.status === status).length;
  const parts = [`${count('passed')} passed`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  return `${results.length} scenario${results.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
