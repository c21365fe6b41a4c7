import { relative } from 'node:path';
import type { ScenarioResult } from '../run-scenarios.js';

// XML 1.0 cannot carry most control characters even escaped: they are dropped.
// eslint-disable-next-line no-control-regex
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const escape = (text: string) =>
  text.replace(invalidXml, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML (the form CI servers read): one testsuite per scenario file, one testcase per scenario. */
export function junitReport(results: readonly ScenarioResult[], durationMs: number, cwd = process.cwd()): string {
  const files = new Map<string, ScenarioResult[]>();
  for (const result of results) files.set(result.scenario.file, [...(files.get(result.scenario.file) ?? []), result]);
  const count = (list: readonly ScenarioResult[], status: string) => list.filter((result) => result.status === status).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="catnap test" tests="${results.length}" failures="${count(results, 'failed')}" skipped="${count(results, 'skipped')}" time="${seconds(durationMs)}">`,
  ];
  for (const [file, list] of files) {
    const name = escape(relative(cwd, file) || file);
    const time = list.reduce((sum, result) => sum + result.durationMs, 0);
    lines.push(
      `  <testsuite name="${name}" tests="${list.length}" failures="${count(list, 'failed')}" skipped="${count(list, 'skipped')}" time="${seconds(time)}">`,
    );
    for (const result of list) {
      lines.push(`    <testcase classname="${name}" name="${escape(result.scenario.name)}" time="${seconds(result.durationMs)}">`);
      if (result.status === 'skipped') lines.push('      <skipped/>');
      if (result.status === 'failed') {
        const first = (result.error ?? 'failed').split('\n')[0]!;
        const steps = result.steps.map((step) => `${step.status.padEnd(7)} ${step.description}`).join('\n');
        lines.push(`      <failure message="${escape(first)}">${escape(`${result.error ?? ''}\n\nsteps:\n${steps}`)}</failure>`);
        const out = [
          result.transcript !== undefined && `transcript:\n${result.transcript}`,
          result.botOutput !== undefined && `bot output:\n${result.botOutput}`,
        ]
          .filter(Boolean)
          .join('\n\n');
        if (out) lines.push(`      <system-out>${escape(out)}</system-out>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
