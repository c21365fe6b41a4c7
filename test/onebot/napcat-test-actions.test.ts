import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';

describe("NapCat's own test actions", () => {
  it('test_auto_register_01 and _02 answer the text NapCat answers', async () => {
    const ob = await onebotWorld();
    expect(await ob.data(10001, 'test_auto_register_01')).toBe('AutoRegister Router Test');
    expect(await ob.data(20001, 'test_auto_register_02', { ignored: 1 })).toBe('AutoRegister Router Test');
  });

  it('test_download_stream sends ten data_chunk packets, then data_complete, or fails after them with error: true', async () => {
    const ob = await onebotWorld();
    const packets: Record<string, any>[] = [];
    const stream = async (envelope: Readonly<Record<string, unknown>>) => void packets.push(envelope);
    const done = await ob.call(10001, 'test_download_stream', {}, { stream, echo: 'e' });
    expect(packets.map((p) => p.data)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ type: 'stream', data_type: 'data_chunk', data: `Index-> ${i + 1}` })),
    );
    expect(packets.every((p) => p.status === 'ok' && p.stream === 'stream-action' && p.echo === 'e')).toBe(true);
    expect(done).toMatchObject({
      status: 'ok',
      stream: 'stream-action',
      data: { type: 'response', data_type: 'data_complete', data: 'Stream transmission complete' },
    });

    packets.length = 0;
    const failed = await ob.call(10001, 'test_download_stream', { error: true }, { stream });
    expect(packets).toHaveLength(10);
    expect(failed).toMatchObject({ status: 'failed', retcode: 200, stream: 'stream-action' });
    expect(await ob.call(10001, 'test_download_stream', { error: 'sometimes' }, { stream })).toMatchObject({ retcode: 1400 });
    // A transport that cannot stream is refused before any packet.
    expect(await ob.call(10001, 'test_download_stream')).toMatchObject({ retcode: 2205 });
  });
});
