// Regenerates the docs that are derived from code (npm run docs).
import { writeFileSync } from 'node:fs';
import { allActions } from '../src/onebot/actions/index.js';
import { ActionTable } from '../src/onebot/action-table.js';
import { renderCoverageDoc } from '../src/onebot/coverage/coverage-doc.js';
import { renderErrorsDoc } from '../src/onebot/errors-doc.js';
import { renderDialectsDoc } from '../src/onebot/dialects-doc.js';
import { allMilkyApis } from '../src/milky/apis/index.js';
import { renderMilkyDoc } from '../src/milky/milky-doc.js';
import { scenarioJsonSchema } from '../src/app/testing/scenario/scenario-schema.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
writeFileSync(new URL('../docs/coverage.md', import.meta.url), renderCoverageDoc(new ActionTable(allActions)));
writeFileSync(new URL('../docs/dialects.md', import.meta.url), renderDialectsDoc(new ActionTable(allActions)));
writeFileSync(new URL('../docs/milky.md', import.meta.url), renderMilkyDoc(allMilkyApis));
writeFileSync(new URL('../docs/scenario.schema.json', import.meta.url), scenarioJsonSchema());
