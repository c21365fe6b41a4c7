import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import { renderDialectsDoc } from '../../src/onebot/dialects-doc.js';

describe('docs/dialects.md', () => {
  it('matches the differences declared in the code (run npm run docs)', () => {
    expect(readFileSync(new URL('../../docs/dialects.md', import.meta.url), 'utf8')).toBe(renderDialectsDoc(new ActionTable(allActions)));
  });
});
