import { protocolErrors, worldErrors } from './error-catalogue.js';

/** Renders docs/errors.md from the error catalogue (a test keeps the file in sync). */
export function renderErrorsDoc(): string {
  const rows = [
    ...Object.entries(protocolErrors).map(([code, entry]) => ({ code, ...entry, source: 'protocol' })),
    ...Object.entries(worldErrors).map(([code, entry]) => ({ code, ...entry, source: 'world' })),
  ].sort((a, b) => a.retcode - b.retcode || a.code.localeCompare(b.code));
  return [
    '# Error catalogue',
    '',
    'Every failed action answers `status: "failed"`, one of these `retcode`s and a `message` (also in',
    '`wording`) that names what failed. Generated from `src/onebot/error-catalogue.ts`; run',
    '`npm run docs` after changing it.',
    '',
    '| retcode | code | from | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.retcode} | ${row.code} | ${row.source} | ${row.meaning} |`),
    '',
  ].join('\n');
}
