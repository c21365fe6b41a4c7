import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderErrorsDoc } from '../../src/onebot/errors-doc.js';

it('docs/errors.md matches the error catalogue (run npm run docs)', () => {
  expect(readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')).toBe(renderErrorsDoc());
});
