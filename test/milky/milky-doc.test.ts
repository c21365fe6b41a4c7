import { readFileSync } from 'node:fs';
import { Event } from '@saltify/milky-types';
import { describe, expect, it } from 'vitest';
import { allMilkyApis } from '../../src/milky/apis/index.js';
import { eventSources, renderMilkyDoc } from '../../src/milky/milky-doc.js';

describe('docs/milky.md', () => {
  it('matches the live API list, the events and the retcodes (run npm run docs)', () => {
    expect(readFileSync(new URL('../../docs/milky.md', import.meta.url), 'utf8')).toBe(renderMilkyDoc(allMilkyApis));
  });

  it('says where every event of the spec comes from, and serves every API', () => {
    const types = Event.options.map((option) => option.shape.event_type.value);
    expect(types.filter((type) => !(type in eventSources))).toEqual([]);
    expect(renderMilkyDoc(allMilkyApis)).not.toMatch(/\*\*no\*\*|\*\*unexplained\*\*/);
    expect(renderMilkyDoc(allMilkyApis.slice(1))).toMatch(/`get_login_info` .* \*\*no\*\*/);
  });
});
