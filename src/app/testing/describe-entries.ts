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

type Kind = WaitMatch['kind'];
type Fields = Record<string, unknown>;

/** "a" or "an", by the sound of the word that follows (its first letter is close enough here). */
const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

const has = (value: unknown): boolean => value !== undefined && value !== null;

/** `type/sub_type`, as the transcript's own lines name notices and requests (a lone sub_type stays a field). */
const typed = (type: unknown, subType: unknown): string =>
  has(type) ? `${String(type)}${has(subType) ? `/${String(subType)}` : ''} ` : '';
const typedFields = (typeField: string, match: Fields): string[] => (has(match[typeField]) ? [typeField, 'sub_type'] : []);

/**
 * Each kind of wait in its own words, from the fields that name it; every field a wording does not
 * use is listed after it (`with field=value`), since a wait may match on any field of the entry.
 * A Record over every kind, so a kind added to the contract does not compile until it has words.
 */
const wordings: Record<Kind, (match: Fields, extra: { segments?: readonly string[] }) => { words: string; used: string[] }> = {
  message: (match, extra) => {
    const parts = [`a message${has(match.from) ? ` from ${String(match.from)}` : ''}`];
    const where = place(match.group_id, match.user_id);
    if (where) parts.push(`in ${where}`);
    if (has(match.text)) parts.push(`containing ${JSON.stringify(match.text)}`);
    if (has(match.regex)) parts.push(`matching /${String(match.regex)}/`);
    if (extra.segments?.length) parts.push(`with segments ${extra.segments.join(', ')}`);
    return { words: parts.join(' '), used: ['from', 'group_id', 'user_id', 'text', 'regex'] };
  },
  call: (match) => ({
    words: `a call of ${has(match.action) ? String(match.action) : 'any action'}${has(match.self_id) ? ` by ${String(match.self_id)}` : ''}${
      match.params ? ` with params including ${JSON.stringify(match.params)}` : ''
    }`,
    used: ['action', 'self_id', 'params'],
  }),
  recall: (match) => {
    const where = place(match.group_id, match.user_id);
    return {
      words: [
        `a recall of ${has(match.message_id) ? `message ${String(match.message_id)}` : 'a message'}`,
        has(match.from) ? `sent by ${String(match.from)}` : '',
        where ? `in ${where}` : '',
        has(match.operator_id) ? `by ${String(match.operator_id)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      used: ['message_id', 'from', 'group_id', 'user_id', 'operator_id'],
    };
  },
  reaction: (match) => ({
    words: [
      `a reaction${has(match.emoji_id) ? ` ${String(match.emoji_id)}` : ''}`,
      match.is_add === true ? 'added' : match.is_add === false ? 'taken back' : '',
      `on ${has(match.message_id) ? `message ${String(match.message_id)}` : 'a message'}`,
      has(match.user_id) ? `by ${String(match.user_id)}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    used: ['emoji_id', 'is_add', 'message_id', 'user_id'],
  }),
  notice: (match) => ({
    words: [
      article(`${typed(match.notice_type, match.sub_type)}notice`),
      has(match.group_id) ? `in group ${String(match.group_id)}` : '',
      has(match.user_id) ? `about ${String(match.user_id)}` : '',
      has(match.operator_id) ? `by ${String(match.operator_id)}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    used: [...typedFields('notice_type', match), 'group_id', 'user_id', 'operator_id'],
  }),
  request: (match) => ({
    words: [
      article(`${typed(match.request_type, match.sub_type)}request`),
      has(match.user_id) ? `from ${String(match.user_id)}` : '',
      has(match.group_id) ? `for group ${String(match.group_id)}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    used: [...typedFields('request_type', match), 'user_id', 'group_id'],
  }),
  fault: (match) => {
    const target = has(match.action) ? `on a call of ${String(match.action)}` : has(match.event) ? `on a ${String(match.event)} event` : '';
    return {
      words: [
        `a fault${has(match.rule_id) ? ` of rule ${String(match.rule_id)}` : ''} firing`,
        has(match.effect) ? `(${String(match.effect)})` : '',
        target,
        has(match.self_id) ? `for ${String(match.self_id)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      used: ['rule_id', 'effect', 'action', 'event', 'self_id'],
    };
  },
  clock: (match) => ({
    words: `a clock move${has(match.from_ms) ? ` from ${String(match.from_ms)}` : ''}${has(match.to_ms) ? ` to ${String(match.to_ms)}` : ''}`,
    used: ['from_ms', 'to_ms'],
  }),
  mark: (match) => ({ words: `a mark${has(match.name) ? ` named ${JSON.stringify(match.name)}` : ''}`, used: ['name'] }),
  restore: (match) => ({
    words: has(match.snapshot) ? `a restore of snapshot ${JSON.stringify(match.snapshot)}` : 'a snapshot restore',
    used: ['snapshot'],
  }),
  extra: (match) => ({
    words: has(match.source) ? `an entry from ${String(match.source)}` : 'an extra entry',
    used: ['source'],
  }),
};

/** What an expectation asked for, in words: the kind of entry, then the fields it must carry. */
export function describeMatch(match: WaitMatch, extra: { segments?: readonly string[] } = {}): string {
  const { kind, ...fields } = match as WaitMatch & Fields;
  const wording = wordings[kind] as (typeof wordings)[Kind] | undefined;
  // A kind from a newer Catnap than this client: say it plainly rather than guess.
  const { words, used } = wording ? wording(fields, extra) : { words: `${article(String(kind))} entry`, used: [] };
  const rest = Object.entries(fields).filter(([key, value]) => value !== undefined && !used.includes(key));
  if (rest.length === 0) return words;
  return `${words} with ${rest.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ')}`;
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

/** The failure message of a silence (expectNone): what must not happen, and what did. */
export function silenceReport(wanted: string, withinMs: number, offending: readonly TranscriptEntry[]): string {
  const happened = offending.map(describeEntry).join('; ') || 'something matched';
  return `expected no ${wanted.replace(/^an? /, '')} for ${withinMs} ms, but: ${happened}`;
}
