import type { ScenarioResult } from '../run-scenarios.js';

/** TAP version 13: one test point per scenario, a YAML block with the failure's story. */
export function tapReport(results: readonly ScenarioResult[]): string {
  const lines = ['TAP version 13', `1..${results.length}`];
  results.forEach((result, index) => {
    const name = result.scenario.name.replaceAll('#', '\\#');
    const number = index + 1;
    if (result.status === 'skipped') lines.push(`ok ${number} - ${name} # SKIP`);
    else if (result.status === 'passed') lines.push(`ok ${number} - ${name}`);
    else {
      lines.push(`not ok ${number} - ${name}`, '  ---');
      const block = (key: string, text: string | undefined) => {
        if (text === undefined) return;
        lines.push(`  ${key}: |-`, ...text.split('\n').map((line) => `    ${line}`));
      };
      block('message', result.error ?? 'failed');
      lines.push(`  file: ${JSON.stringify(result.scenario.file)}`);
      block('transcript', result.transcript);
      block('bot_output', result.botOutput);
      lines.push('  ...');
    }
  });
  return `${lines.join('\n')}\n`;
}
