import type { ActionTable } from './action-table.js';
import { dialectNames, envelopeDifferences, transportDifferences, type Dialect, type DialectNotes } from './dialect.js';
import { allBuilders } from './events/builders/index.js';
import { segmentCodecs } from './message/segments/index.js';
import { messageObjectDialects } from './shapes/message.js';

/** One difference: a name (action, segment, event, ...) and what each other dialect does instead of NapCat. */
export interface DialectDifference {
  readonly name: string;
  readonly notes: DialectNotes;
}

const others = dialectNames.filter((dialect): dialect is Exclude<Dialect, 'napcat'> => dialect !== 'napcat');

/** Code-point order, so the page is the same whatever the machine's locale. */
const byName = (a: DialectDifference, b: DialectDifference) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every action whose entry declares a variant for another dialect, with each variant's note. */
export function actionDifferences(table: ActionTable): DialectDifference[] {
  return table
    .specs()
    .filter((spec) => spec.dialects !== undefined)
    .map((spec) => ({
      name: spec.name,
      notes: Object.fromEntries(others.flatMap((dialect) => (spec.dialects?.[dialect] ? [[dialect, spec.dialects[dialect].note]] : []))),
    }));
}

/** Every difference Catnap makes between dialects, by area, each declared where the code makes it. */
export function dialectDifferences(table: ActionTable): Record<string, DialectDifference[]> {
  const declared = <T extends { dialects?: DialectNotes }>(items: readonly T[], name: (item: T) => string) =>
    items.filter((item) => item.dialects !== undefined).map((item) => ({ name: name(item), notes: item.dialects! }));
  return {
    actions: actionDifferences(table).sort(byName),
    'message objects': [{ name: 'message object', notes: messageObjectDialects }],
    segments: declared(segmentCodecs, (codec) => codec.type).sort(byName),
    events: declared(allBuilders, (builder) => builder.emits ?? builder.type).sort(byName),
    envelopes: [...envelopeDifferences],
    transports: [...transportDifferences],
  };
}

const cell = (text: string | undefined) => (text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');

const intro = [
  '# Dialects',
  '',
  'NapCat, LLBot (LuckyLilliaBot) and go-cqhttp serve many of the same OneBot 11 names but not always',
  'the same way: which way history pages, what a call answers, how a segment or an event is written.',
  'Each network adapter in `onebot11_<uin>.json` has a `dialect` (`"napcat"`, the default, `"llbot"` or',
  '`"go-cqhttp"`; also on the console\'s Bots page, and applied without a restart) and Catnap answers',
  "that adapter's calls, and writes its events, as that implementation does wherever they disagree. The",
  "admin API's `POST /api/world/act/:user_id/:action?dialect=llbot` runs one call in a dialect. Milky is",
  'unaffected.',
  '',
  'This page lists every difference. It is generated from the code (`npm run docs`), where each one is',
  "declared beside what it changes: an action entry's `dialects` (its own params, result schema and",
  "handler, or NapCat's result reshaped), a segment codec's or event builder's `dialects`, and the",
  'envelope and transport rules in `src/onebot/dialect.ts`; a test keeps this page equal to the code.',
  'Anything not listed is answered as NapCat answers it. Which names each implementation has is in',
  '[coverage.md](coverage.md).',
  '',
];

/** Renders docs/dialects.md (a test keeps the file equal to this). */
export function renderDialectsDoc(table: ActionTable): string {
  const lines = [...intro];
  for (const [area, differences] of Object.entries(dialectDifferences(table))) {
    lines.push(`## ${area[0]!.toUpperCase()}${area.slice(1)}`, '');
    lines.push(`| ${area === 'actions' ? 'action' : 'name'} | ${others.join(' | ')} |`, `| --- |${others.map(() => ' --- |').join('')}`);
    for (const difference of differences) {
      lines.push(`| \`${difference.name}\` | ${others.map((dialect) => cell(difference.notes[dialect]) || 'as NapCat').join(' | ')} |`);
    }
    if (differences.length === 0) lines.push(`| (none) |${others.map(() => ' |').join('')}`);
    lines.push('');
  }
  return lines.join('\n');
}
