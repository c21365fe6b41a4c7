import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry, WaitMatch } from '../../src/app/testing/index.js';
import { describeEntry, describeMatch, expectationReport, silenceReport, textDiff } from '../../src/app/testing/describe-entries.js';
import { TranscriptEntryView } from '../../src/contract/admin/transcript.js';
import { describeExit } from '../../src/app/testing/bot-process.js';

/**
 * The failure sentences both clients must write word for word: the Python client's
 * tests/test_failure_wording.py reads the same file, so a team using both sees the same words.
 */
const cases = JSON.parse(readFileSync(new URL('./failure-wording.json', import.meta.url), 'utf8')) as {
  describeMatch: { match: WaitMatch; segments?: string[]; words: string }[];
  describeEntry: { entry: TranscriptEntry; words: string }[];
  textDiff: { expected: string; actual: string; words: string }[];
  expectationReport: {
    match: WaitMatch;
    segments?: string[];
    within_ms: number;
    closest: TranscriptEntry[];
    expected_text?: string;
    words: string;
  }[];
  silenceReport: { match: WaitMatch; within_ms: number; offending: TranscriptEntry[]; words: string }[];
  describeExit: { code: number; signal: string | null; words: string }[];
};

describe('failure wording shared with the Python client', () => {
  it.each(cases.describeMatch)('words a wait: $words', ({ match, segments, words }) => {
    expect(describeMatch(match, segments ? { segments } : {})).toBe(words);
  });

  it('has a case of every kind a wait may name, and words no kind but a notice as one', () => {
    // The contract's list: a new kind needs its words here too.
    const kinds = (TranscriptEntryView.properties.kind.anyOf as { const: string }[]).map((literal) => literal.const);
    const covered = new Set(cases.describeMatch.map((c) => c.match.kind));
    expect(kinds.filter((kind) => !covered.has(kind as WaitMatch['kind']))).toEqual([]);
    for (const kind of kinds.filter((kind) => kind !== 'notice')) expect(describeMatch({ kind } as WaitMatch)).not.toContain('notice');
  });

  it.each(cases.describeEntry)('describes $entry.kind entries: $words', ({ entry, words }) => {
    expect(describeEntry(entry)).toBe(words);
  });

  it.each(cases.textDiff)('diffs $expected against $actual', ({ expected, actual, words }) => {
    expect(textDiff(expected, actual)).toBe(words);
  });

  it.each(cases.expectationReport)('reports a missed expectation within $within_ms ms', (c) => {
    const wanted = describeMatch(c.match, c.segments ? { segments: c.segments } : {});
    expect(expectationReport(wanted, c.within_ms, c.closest, c.expected_text)).toBe(c.words);
  });

  it.each(cases.silenceReport)('reports a broken silence: $words', ({ match, within_ms, offending, words }) => {
    expect(silenceReport(describeMatch(match), within_ms, offending)).toBe(words);
  });

  it.each(cases.describeExit)('tells how the bot ended: $words', ({ code, signal, words }) => {
    expect(describeExit(code, signal)).toBe(words);
  });

  it('covers each sentence form', () => {
    expect(cases.describeEntry.map((c) => c.words).join('\n')).toMatch(/→ retcode 0/);
    expect(cases.expectationReport.map((c) => c.words).join('\n')).toMatch(/nothing like it happened[^]*also:/);
    expect(cases.silenceReport[0]!.words).toMatch(/^expected no notify notice in group 30001 for 300 ms, but: /);
  });
});
