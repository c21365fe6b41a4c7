import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/world/media/create-translator.js';
import { LibreTranslateTranslator } from '../../src/world/media/libretranslate-translator.js';
import { onebotWorld } from '../helpers/onebot.js';
import { base64Of, renderText } from '../helpers/images.js';
import { tempDir } from '../helpers/spawn.js';

const compact = (text: string) => text.replace(/\s+/g, '');

describe('ocr_image', () => {
  it('reads back English and Chinese text of a rendered image, with boxes and confidence', async () => {
    const { data } = await onebotWorld();
    const png = renderText(['Hello Catnap 2026', '你好世界，欢迎使用']);
    const result = await data(10001, 'ocr_image', { image: base64Of(png) });
    expect(result.language).toBe('zh');
    expect(result.texts.map((t: { text: string }) => compact(t.text))).toEqual(['HelloCatnap2026', '你好世界，欢迎使用']);
    for (const text of result.texts) {
      expect(text.confidence).toBeGreaterThan(0.8);
      expect(text.confidence).toBeLessThanOrEqual(1);
      expect(text.coordinates).toHaveLength(4);
    }
    // The first line's box lies where it was drawn: left at x≈30, above the second line.
    const [first, second] = result.texts;
    expect(first.coordinates[0].x).toBeGreaterThanOrEqual(20);
    expect(first.coordinates[0].x).toBeLessThanOrEqual(45);
    expect(first.coordinates[2].y).toBeLessThan(second.coordinates[0].y);
  }, 60000);

  it('.ocr_image reads a local file; English only gives language "en"', async () => {
    const { data, call } = await onebotWorld();
    const path = join(await tempDir(), 'receipt.png');
    await writeFile(path, renderText(['TOTAL 42.50', 'THANK YOU']));
    const result = await data(10001, '.ocr_image', { image: `file://${path}` });
    expect(result.language).toBe('en');
    expect(result.texts.map((t: { text: string }) => compact(t.text).toUpperCase())).toEqual(['TOTAL42.50', 'THANKYOU']);
    expect(await call(10001, 'ocr_image', {})).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'ocr_image', { image: base64Of(Buffer.from('not an image')) })).toMatchObject({
      retcode: 2201,
      message: expect.stringContaining('OCR needs an image'),
    });
    expect(await call(10001, 'ocr_image', { image: '/no/such/image.png' })).toMatchObject({ retcode: 2201 });
  }, 60000);
});

describe('translate_en2zh', () => {
  it('the offline dictionary gives common Chinese for common words and phrases', async () => {
    const { data } = await onebotWorld();
    const words = [
      'hello',
      'apple',
      'cat',
      'computer',
      'thank you',
      'good night',
      'happy birthday',
      'beautiful',
      'weather',
      'teacher',
      'I love you',
      'The cat eats fish.',
    ];
    const { words: out } = await data(10001, 'translate_en2zh', { words });
    expect(Object.fromEntries(words.map((word, i) => [word, out[i]]))).toEqual({
      hello: '你好',
      apple: '苹果',
      cat: '猫',
      computer: expect.stringMatching(/^(计算机|电脑)$/),
      'thank you': '谢谢',
      'good night': '晚安',
      'happy birthday': '生日快乐',
      beautiful: '美丽',
      weather: '天气',
      teacher: expect.stringMatching(/^(老师|教师)$/),
      'I love you': '我爱你',
      'The cat eats fish.': '猫吃鱼。',
    });
    // Unknown words stay as they are; an empty list stays empty.
    expect((await data(10001, 'translate_en2zh', { words: ['zzqx'] })).words).toEqual(['zzqx']);
    expect((await data(10001, 'translate_en2zh', { words: [] })).words).toEqual([]);
  }, 60000);

  it('refuses bad params with 1400', async () => {
    const { call } = await onebotWorld();
    expect(await call(10001, 'translate_en2zh', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('words') });
    expect(await call(10001, 'translate_en2zh', { words: { a: 1 } })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'translate_en2zh', { words: [{ a: 1 }] })).toMatchObject({ retcode: 1400 });
  });

  it('a LibreTranslate-compatible provider translates full sentences, and its failures are clear', async () => {
    const requests: { q: string; source: string; target: string; api_key?: string }[] = [];
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const parsed = JSON.parse(body);
        requests.push(parsed);
        response.setHeader('content-type', 'application/json');
        if (request.url !== '/translate') return response.writeHead(404).end('{}');
        // Like an older server: only "zh" is known.
        if (parsed.target !== 'zh') return response.writeHead(400).end(JSON.stringify({ error: `${parsed.target} is not supported` }));
        if (parsed.q === 'boom') return response.writeHead(500).end(JSON.stringify({ error: 'model crashed' }));
        response.end(JSON.stringify({ translatedText: `【${parsed.q}】` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      // Nothing here waits out a timeout: the server answers and the closed port refuses at once.
      // Long limits keep a slow machine from turning either into "did not answer within".
      const translator = createTranslator({ provider: 'libretranslate', url, apiKey: 'k', timeoutMs: 30_000 });
      expect(await translator.translate(['The weather is nice today.', 'See you'])).toEqual([
        '【The weather is nice today.】',
        '【See you】',
      ]);
      expect(requests.at(-1)).toMatchObject({ source: 'en', target: 'zh', api_key: 'k', format: 'text' });
      await expect(translator.translate(['boom'])).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringContaining('model crashed'),
      });
      const closed = new LibreTranslateTranslator({ url: 'http://127.0.0.1:1', timeoutMs: 30_000 });
      await expect(closed.translate(['x'])).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringContaining('cannot be reached'),
      });
      // Through the action, with the provider wired in.
      const world = await onebotWorld();
      const services = { ...world.services, translator };
      const { Dispatcher } = await import('../../src/onebot/dispatcher.js');
      const { ActionTable } = await import('../../src/onebot/action-table.js');
      const { allActions } = await import('../../src/onebot/actions/index.js');
      const dispatcher = new Dispatcher(new ActionTable(allActions), services);
      expect(
        await dispatcher.dispatch(10001, 'translate_en2zh', { words: ['Good morning, everyone'] }, { transport: 'test' }),
      ).toMatchObject({ data: { words: ['【Good morning, everyone】'] } });
      expect(await dispatcher.dispatch(10001, 'translate_en2zh', { words: ['boom'] }, { transport: 'test' })).toMatchObject({
        retcode: 2206,
      });
    } finally {
      server.close();
    }
  });
});
