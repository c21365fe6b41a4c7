import type { TranscriptEntry, WaitMatch } from './bench-api.js';

/**
 * Words for expectations and transcript entries, so a failing test says what it wanted and what
 * came closest, in a form a person reads at a glance.
 */

const field = (entry: TranscriptEntry, ...names: string[]): unknown => {
  for (const name of names) if (entry[name] !== undefined && entry[name] !== null) return entry[name];
  return undefined;
};

/** The text a message entry shows: its CQ text, else its text segments. */
export function entryText(entry: TranscriptEntry): string | undefined {
  const text = field(entry, 'cq', 'text', 'raw_message', 'cq_text');
  if (typeof text === 'string') return text;
  const segments = entrySegments(entry);
  if (segments.length === 0) return undefined;
  return segments.map((segment) => (segment.type === 'text' ? String(segment.data?.text ?? '') : `[${segment.type}]`)).join('');
}

/** A message entry's segments (`{type, data}`), when it carries them. */
export function entrySegments(entry: TranscriptEntry): { type: string; data?: Record<string, unknown> }[] {
  const segments = field(entry, 'segments', 'message');
  return Array.isArray(segments) ? (segments as { type: string; data?: Record<string, unknown> }[]) : [];
}

/** Where a message entry happened: "group 30001" or "private 20001". */
function place(groupId: unknown, userId: unknown): string {
  if (typeof groupId === 'number' && groupId > 0) return `group ${groupId}`;
  if (typeof userId === 'number' && userId > 0) return `private chat with ${userId}`;
  return '';
}

/** One line for a transcript entry: who, where, what. */
export function describeEntry(entry: TranscriptEntry): string {
  // The transcript's own compact line says it best; the rest is for entries without one.
  if (typeof entry.line === 'string') return entry.line;
  const kind = String(entry.kind ?? entry.type ?? 'entry');
  if (kind === 'message') {
    const from = field(entry, 'from', 'sender_id');
    const where = place(field(entry, 'group_id'), field(entry, 'user_id', 'peer_id'));
    return `message from ${String(from)}${where ? ` in ${where}` : ''}: ${JSON.stringify(entryText(entry) ?? '')}`;
  }
  if (kind === 'call') {
    const retcode = field(entry, 'retcode');
    return `call ${String(field(entry, 'action'))} by ${String(field(entry, 'self_id'))} ${JSON.stringify(field(entry, 'params') ?? {})}${
      retcode !== undefined ? ` → retcode ${String(retcode)}` : ''
    }`;
  }
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !['kind', 'seq', 'id', 'time', 'time_ms'].includes(key)));
  return `${kind} ${JSON.stringify(rest)}`;
}

/** What an expectation asked for, in words. */
export function describeMatch(match: WaitMatch, extra: { segments?: readonly string[] } = {}): string {
  if (match.kind === 'message') {
    const parts = [`a message${match.from !== undefined ? ` from ${match.from}` : ''}`];
    const where = place(match.group_id, match.user_id);
    if (where) parts.push(`in ${where}`);
    if (match.text !== undefined) parts.push(`containing ${JSON.stringify(match.text)}`);
    if (match.regex !== undefined) parts.push(`matching /${match.regex}/`);
    if (extra.segments?.length) parts.push(`with segments ${extra.segments.join(', ')}`);
    return parts.join(' ');
  }
  if (match.kind === 'call') {
    return `a call of ${match.action ?? 'any action'}${match.self_id !== undefined ? ` by ${match.self_id}` : ''}${
      match.params ? ` with params including ${JSON.stringify(match.params)}` : ''
    }`;
  }
  const { kind: _kind, ...fields } = match;
  return `a notice ${JSON.stringify(fields)}`;
}

/**
 * Expected against actual text, line by line: `-` what was expected, `+` what came, and a caret
 * under the first character where they part.
 */
export function textDiff(expected: string, actual: string): string {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at += 1;
  const show = (text: string) => JSON.stringify(text);
  const caret = `${' '.repeat(JSON.stringify(actual.slice(0, at)).length - 1)}^`;
  return [`- expected: ${show(expected)}`, `+ actual:   ${show(actual)}`, `            ${caret}`].join('\n');
}

/** The failure message of an expectation: what was wanted, and the nearest things that happened instead. */
export function expectationReport(wanted: string, withinMs: number, closest: readonly TranscriptEntry[], expectedText?: string): string {
  const lines = [`expected ${wanted} within ${withinMs} ms`];
  if (closest.length === 0) {
    lines.push('  nothing like it happened');
    return lines.join('\n');
  }
  const nearest = closest[0]!;
  const nearestText = entryText(nearest);
  lines.push(`  nearest: ${describeEntry(nearest)}`);
  if (expectedText !== undefined && nearestText !== undefined) {
    lines.push(
      ...textDiff(expectedText, nearestText)
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  for (const other of closest.slice(1, 5)) lines.push(`  also:    ${describeEntry(other)}`);
  return lines.join('\n');
}
