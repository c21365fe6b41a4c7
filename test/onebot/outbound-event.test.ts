import { describe, expect, it } from 'vitest';
import { OutboundEvent } from '../../src/onebot/events/outbound-event.js';
import type { OneBotEvent } from '../../src/onebot/events/types.js';

describe('OutboundEvent', () => {
  it('builds and serialises each view once, however often and in whatever order it is asked for', () => {
    const builds: string[] = [];
    const event = new OutboundEvent(10001, 'message', (format, dialect) => {
      builds.push(`${format}/${dialect}`);
      return { post_type: 'message', format, dialect } as unknown as OneBotEvent;
    });
    const views = [
      { format: 'array', dialect: 'napcat' },
      { format: 'string', dialect: 'napcat' },
      { format: 'array', dialect: 'llbot' },
    ] as const;
    const first = views.map((view) => event.json(view));
    const again = [...views].reverse().map((view) => event.json(view));
    expect(again.reverse()).toEqual(first);
    expect(first.map((json) => JSON.parse(json) as unknown)).toEqual(views.map((view) => ({ post_type: 'message', ...view })));
    expect(builds).toEqual(['array/napcat', 'string/napcat', 'array/llbot']);
    // The same object each time for a view, and the raw record only with debug.
    expect(event.object('string', 'napcat')).toBe(event.object('string', 'napcat'));
    expect(event.json({ format: 'array', dialect: 'napcat', debug: true })).toBe(first[0]);
  });
});
