import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import { defineAction } from '../../src/onebot/action.js';
import { coverageProblems, coverageRows, knownActions, onebot11Actions } from '../../src/onebot/coverage/coverage.js';
import { renderCoverageDoc } from '../../src/onebot/coverage/coverage-doc.js';
import { napcatRegistry } from '../../src/onebot/coverage/napcat-registry.js';
import { gocqhttpRegistry, llbotRegistry } from '../../src/onebot/coverage/peer-registries.js';
import { notYetServed, unsupportedActions } from '../../src/onebot/coverage/unsupported.js';
import { P } from '../../src/onebot/schema.js';
import { Type } from '@sinclair/typebox';

const live = () => new ActionTable(allActions);

describe('coverage table', () => {
  it('knows every NapCat name (177 registered, 7 removed seed names, 1 never registered) and every OneBot 11 action', () => {
    const registered = [
      ...napcatRegistry.onebot11,
      ...napcatRegistry.goCqhttp,
      ...napcatRegistry.napcat,
      ...napcatRegistry.napcatStream,
      ...napcatRegistry.napcatTest,
    ];
    expect(new Set(registered).size).toBe(177);
    expect(napcatRegistry.removedSeed).toHaveLength(7);
    expect(onebot11Actions).toHaveLength(39);
  });

  it("knows LLBot's 122 names and go-cqhttp's 84 OneBot 11 names (44 of them not NapCat's)", () => {
    expect(new Set(llbotRegistry).size).toBe(122);
    expect(new Set(gocqhttpRegistry).size).toBe(84);
    expect(knownActions().size).toBe(187 + 44);
  });

  it('is true of the live action table: every action is served or explained, nothing is both', () => {
    const table = live();
    expect(coverageProblems(table)).toEqual([]);
    for (const row of coverageRows(table)) {
      const served = table.resolve(row.name)?.mode === 'direct';
      expect(row.status === 'served', row.name).toBe(served);
      if (row.status !== 'served') expect(row.note.length, row.name).toBeGreaterThan(10);
    }
  });

  it('catches a gap and a stale reason', () => {
    const withoutKick = new ActionTable(allActions.filter((spec) => spec.name !== 'set_group_kick'));
    expect(coverageProblems(withoutKick)).toContain(
      'set_group_kick is neither served nor listed in src/onebot/coverage/unsupported.ts with a reason',
    );
    const servingPacket = new ActionTable([
      ...allActions,
      defineAction({ name: 'send_packet', origin: 'napcat', summary: 'test', params: P.none(), result: Type.Null(), handler: () => null }),
    ]);
    expect(coverageProblems(servingPacket)).toContain(
      'send_packet is served now: remove it from unsupportedActions in src/onebot/coverage/unsupported.ts',
    );
  });

  it('lists only known names in unsupported.ts, each once', () => {
    const known = knownActions();
    for (const name of [...Object.keys(unsupportedActions), ...Object.keys(notYetServed)]) expect(known.has(name), name).toBe(true);
    for (const name of Object.keys(unsupportedActions)) expect(notYetServed[name], name).toBeUndefined();
  });

  it('docs/coverage.md matches the live table (run npm run docs)', () => {
    expect(readFileSync(new URL('../../docs/coverage.md', import.meta.url), 'utf8')).toBe(renderCoverageDoc(live()));
  });
});
