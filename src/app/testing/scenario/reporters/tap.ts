import type { ScenarioResult } from '../run-scenarios.js';

// YAML cannot carry most control characters (a bot's colored output has ESC): they are dropped.
// eslint-disable-next-line no-control-regex
const notYaml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;

/** TAP version 13: one test point per scenario, a YAML block with the failure's story. */
export function tapReport(results: readonly ScenarioResult[]): string {
  const lines = ['TAP version 13', `1..${results.length}`];
  results.forEach((result, index) => {
    // A test point is one line: a name of several lines would end it early.
    const name = result.scenario.name.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('#', '\\#');
    const number = index + 1;
    if (result.status === 'skipped') lines.push(`ok ${number} - ${name} # SKIP`);
    else if (result.status === 'passed') lines.push(`ok ${number} - ${name}`);
    else {
      lines.push(`not ok ${number} - ${name}`, '  ---');
      const block = (key: string, text: string | undefined) => {
        if (text === undefined) return;
        // The indentation indicator (2: the block sits 2 deeper than its key) lets a first line
        // start with spaces (a stack trace, indented output), which would otherwise set the indentation.
        const clean = text.replace(/\r\n?/g, '\n').replace(notYaml, '');
        lines.push(`  ${key}: |2-`, ...clean.split('\n').map((line) => `    ${line}`));
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
