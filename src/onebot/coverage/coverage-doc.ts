import type { ActionTable } from '../action-table.js';
import { catnapOnlyActions, coverageRows, type CoverageRow, type CoverageStatus } from './coverage.js';

const marks: Record<CoverageStatus, string> = { served: 'yes', unsupported: 'no', 'not-yet': 'not yet', missing: '**unexplained**' };

/** Code-point order, so the page is the same whatever the machine's locale. */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(rows: readonly CoverageRow[]): string[] {
  return [
    '| action | from | served | notes |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| \`${row.name}\` | ${row.sources.join(', ')} | ${marks[row.status]} | ${cell(row.note)} |`),
  ];
}

/**
 * Renders docs/coverage.md: every action NapCat registers (with the seed names it removed) and
 * every OneBot 11 action, served or not and why, from the live action table and
 * `unsupported.ts`. `npm run docs` writes it; a test keeps the file equal to this rendering.
 */
export function renderCoverageDoc(actions: ActionTable): string {
  const rows = coverageRows(actions).sort(byName);
  const count = (status: CoverageStatus) => rows.filter((row) => row.status === status).length;
  const extras = catnapOnlyActions(actions).sort(byName);
  return [
    '# Action coverage',
    '',
    'Every action NapCat registers (including the seed names it has removed since, which Catnap serves',
    'again) and every OneBot 11 action, and whether Catnap serves it. Generated from the live action table',
    'and `src/onebot/coverage/unsupported.ts` by `npm run docs`; a test fails when this page, the table or',
    'the reasons disagree.',
    '',
    `Of ${rows.length} names: ${count('served')} served, ${count('unsupported')} not served (with the reason),` +
      ` ${count('not-yet')} not yet served (another area is building them)${count('missing') ? `, ${count('missing')} unexplained` : ''}.`,
    'Every served action also answers as `<name>_async` and `<name>_rate_limited`.',
    '',
    ...table(rows),
    '',
    '## Catnap-only actions',
    '',
    'Actions neither NapCat nor OneBot 11 has. On QQ a person raises requests in the app; in Catnap a',
    'simulated account does it through these (usually through the admin API: `POST /api/world/act/:user_id/:action`).',
    '',
    '| action | does |',
    '| --- | --- |',
    ...extras.map((extra) => `| \`${extra.name}\` | ${cell(extra.summary)} |`),
    '',
  ].join('\n');
}
