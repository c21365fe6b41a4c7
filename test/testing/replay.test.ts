import { describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../../src/app/testing/index.js';

/** The same steps in a fresh world: an upload, an image, and a dice roll (seeded). */
async function play(world: TestWorld): Promise<string> {
  const mark = await world.mark();
  await world.user(20001).upload(30001, 'notes.txt', 'hello');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await world.user(20002).say([{ type: 'image', data: { file: `base64://${png.toString('base64')}` } }], { group: 30001 });
  await world.user(20002).act('send_group_msg', { group_id: 30001, message: '[CQ:dice]' });
  return world.transcript({ since: mark, format: 'text' });
}

describe('replays', () => {
  it('give the same transcript text in two runs with a seed and a frozen clock, whatever ports they got', async () => {
    const texts: string[] = [];
    const urls: string[] = [];
    for (let run = 0; run < 2; run++) {
      const world = await startWorld({ seed: 5, clock: '2026-01-01T00:00:00Z' });
      try {
        texts.push(await play(world));
        const image = (await world.transcript()).find((entry) => entry.kind === 'message' && String(entry.text).includes('CQ:image'));
        urls.push(String((image!.segments as { data: { url: string } }[])[0]!.data.url));
      } finally {
        await world.stop();
      }
    }
    expect(texts[0]).toContain('url=/media/');
    expect(texts[1]).toBe(texts[0]);
    // The entries themselves keep the URLs a bot gets, at this run's port.
    expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);
    expect(urls[1]).not.toBe(urls[0]);
  });
});
