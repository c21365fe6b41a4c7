import type { ActionTable } from '../action-table.js';
import { catnapOnlyActions, coverageRows, type CoverageRow, type CoverageStatus, type DialectMark } from './coverage.js';

const marks: Record<CoverageStatus, string> = { served: 'yes', unsupported: 'no', 'not-yet': 'not yet', missing: '**unexplained**' };
const dialectMarks: Record<DialectMark, string> = { absent: '', same: 'yes', own: '**own**' };

/** Code-point order, so the page is the same whatever the machine's locale. */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(rows: readonly CoverageRow[]): string[] {
  return [
    '| action | from | served | napcat | llbot | go-cqhttp | notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      // A name Catnap does not serve is marked as such in every implementation that has it.
      const dialects = [row.dialects.napcat, row.dialects.llbot, row.dialects['go-cqhttp']].map((mark) =>
        mark !== 'absent' && row.status !== 'served' ? marks[row.status] : dialectMarks[mark],
      );
      return `| \`${row.name}\` | ${row.sources.join(', ')} | ${marks[row.status]} | ${dialects.join(' | ')} | ${cell(row.note)} |`;
    }),
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
    'again), every action of LLBot (LuckyLilliaBot) and go-cqhttp, and every OneBot 11 action, and whether',
    'Catnap serves it. Generated from the live action table and `src/onebot/coverage/unsupported.ts` by',
    '`npm run docs`; a test fails when this page, the table or the reasons disagree.',
    '',
    `Of ${rows.length} names: ${count('served')} served, ${count('unsupported')} not served (with the reason),` +
      ` ${count('not-yet')} not yet served (another area is building them)${count('missing') ? `, ${count('missing')} unexplained` : ''}.`,
    'Every served action also answers as `<name>_async` and `<name>_rate_limited`.',
    '',
    'The `napcat`, `llbot` and `go-cqhttp` columns say, per dialect (an adapter\'s `dialect` setting), whether that',
    'implementation has the name: **yes** when Catnap answers it there as NapCat does, **own** when that dialect',
    "answers with its own params, result or behaviour (listed in [dialects.md](dialects.md)), blank when it lacks the name",
    '(Catnap still answers it, as NapCat would).',
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
