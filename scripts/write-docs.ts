// Regenerates the docs that are derived from code (npm run docs).
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/onebot/errors-doc.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
