import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApi } from '../../src/network/http-api.js';
import { silentLogger } from '../../src/util/logger.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../helpers/onebot.js';
import { openSse, TestSocket, transportWorld, until } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';

const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7 + 3) % 251));
const sha256 = createHash('sha256').update(bytes).digest('hex');
const chunks = [bytes.subarray(0, 80_000), bytes.subarray(80_000, 160_000), bytes.subarray(160_000)].map((c) => c.toString('base64'));

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Joins NapCat's file_chunk packets back into the file. */
function joined(packets: { data: Record<string, any> }[]): Buffer {
  return Buffer.concat(packets.filter((p) => p.data.data_type === 'file_chunk').map((p) => Buffer.from(p.data.data, 'base64')));
}

describe('upload_file_stream', () => {
  it('takes chunks in any order across a restart, checks the SHA-256, and answers a path that sends the file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catnap-stream-')), 'catnap.db');
    const ob = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const stream_id = 'b1b2c3d4-0000-4000-8000-000000000001';
    const first = await ob.data(10001, 'upload_file_stream', {
      stream_id,
      total_chunks: 3,
      file_size: bytes.length,
      expected_sha256: sha256,
      filename: 'data.bin',
      chunk_index: 2,
      chunk_data: chunks[2],
    });
    expect(first).toEqual({ type: 'stream', stream_id, status: 'chunk_received', received_chunks: 1, total_chunks: 3 });
    await ob.data(10001, 'upload_file_stream', { stream_id, chunk_index: 0, chunk_data: chunks[0] });
    // A repeated chunk changes nothing.
    expect((await ob.data(10001, 'upload_file_stream', { stream_id, chunk_index: 0, chunk_data: chunks[0] })).received_chunks).toBe(2);
    // Another account knows no such stream, and cannot take its id.
    expect(await ob.call(20001, 'upload_file_stream', { stream_id, verify_only: true })).toMatchObject({ retcode: 2005 });
    expect(await ob.call(20001, 'upload_file_stream', { stream_id, total_chunks: 1, chunk_index: 0, chunk_data: 'AAAA' })).toMatchObject({
      retcode: 2107,
    });
    await ob.world.close();

    const again = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    expect(await again.data(10001, 'upload_file_stream', { stream_id, verify_only: true })).toEqual({
      type: 'stream',
      stream_id,
      status: 'file_created',
      received_chunks: 2,
      total_chunks: 3,
    });
    expect(await again.call(10001, 'upload_file_stream', { stream_id, is_complete: true })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('missing chunks 1'),
    });
    await again.data(10001, 'upload_file_stream', { stream_id, chunk_index: 1, chunk_data: chunks[1] });
    const done = await again.data(10001, 'upload_file_stream', { stream_id, is_complete: true });
    expect(done).toMatchObject({
      type: 'response',
      status: 'file_complete',
      received_chunks: 3,
      total_chunks: 3,
      file_size: bytes.length,
      sha256,
    });
    // The answered path is a file source: sent to a group, its members download the same bytes.
    const { file_id } = await again.data(10001, 'upload_group_file', { group_id: 30001, file: done.file_path, name: 'data.bin' });
    const { url } = await again.data(20002, 'get_group_file_url', { group_id: 30001, file_id });
    expect(await again.world.media.blobs.read(/\/media\/([0-9a-f]{64})/.exec(url)![1]!)).toEqual(bytes);
    expect(await again.call(10001, 'upload_file_stream', { stream_id, verify_only: true })).toMatchObject({ retcode: 2005 });
    await again.world.close();
  });

  it('refuses a wrong hash, bad chunks and bad params without finishing; reset, idle streams and clean_stream_temp_file drop them', async () => {
    const ob = await onebotWorld();
    const wrong = 'c'.repeat(64);
    await ob.data(10001, 'upload_file_stream', {
      stream_id: 's1',
      total_chunks: 1,
      expected_sha256: wrong,
      chunk_index: 0,
      chunk_data: chunks[0],
    });
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 's1', is_complete: true })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('SHA256 mismatch'),
    });
    expect((await ob.data(10001, 'upload_file_stream', { stream_id: 's1', verify_only: true })).received_chunks).toBe(1);
    expect(await ob.data(10001, 'upload_file_stream', { stream_id: 's1', reset: true })).toMatchObject({ type: 'reset', status: 'reset' });
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 's1', verify_only: true })).toMatchObject({ retcode: 2005 });

    expect(await ob.call(10001, 'upload_file_stream', {})).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 's2', chunk_index: 0, chunk_data: 'AAAA' })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('total_chunks'),
    });
    expect(
      await ob.call(10001, 'upload_file_stream', { stream_id: 's2', total_chunks: 2, chunk_index: 5, chunk_data: 'AAAA' }),
    ).toMatchObject({ retcode: 1400 });
    expect(
      await ob.call(10001, 'upload_file_stream', { stream_id: 's2', total_chunks: 2, chunk_index: 0, chunk_data: 'not base64!' }),
    ).toMatchObject({ retcode: 1400 });
    expect(ob.world.store.uploadStreams.ownedBy(10001)).toEqual([]);

    await ob.data(10001, 'upload_file_stream', { stream_id: 's3', total_chunks: 2, chunk_index: 0, chunk_data: 'AAAA' });
    ob.clock.advance(601_000);
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 's3', verify_only: true })).toMatchObject({ retcode: 2005 });
    await ob.data(10001, 'upload_file_stream', { stream_id: 's4', total_chunks: 2, chunk_index: 0, chunk_data: 'AAAA' });
    expect(await ob.data(10001, 'clean_stream_temp_file')).toBeNull();
    expect(ob.world.store.uploadStreams.ownedBy(10001)).toEqual([]);
  });
});

describe('download_file_stream and its image and record forms', () => {
  it('over the HTTP API: one response of envelopes, each followed by a blank line: file_info, base64 chunks, file_complete', async () => {
    const ob = await onebotWorld();
    app = await buildHttpApi(
      { dispatcher: ob.dispatcher, events: ob.events, clock: ob.clock, logger: silentLogger, bodyLimit: 1024 * 1024 },
      { selfId: 10001, token: '', enableCors: true, messageFormat: 'array', dialect: 'napcat', adapterName: 'test' },
    );
    const { file_id } = await ob.data(20002, 'upload_group_file', {
      group_id: 30001,
      file: `base64://${bytes.toString('base64')}`,
      name: 'data.bin',
    });
    const response = await app.inject({
      method: 'POST',
      url: '/download_file_stream',
      payload: { file_id, chunk_size: 65536, echo: 'e1' },
    });
    expect(response.statusCode).toBe(200);
    const packets = response.payload
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text));
    expect(packets.every((p) => p.status === 'ok' && p.echo === 'e1' && p.stream === 'stream-action')).toBe(true);
    expect(packets[0].data).toEqual({
      type: 'stream',
      data_type: 'file_info',
      file_name: 'data.bin',
      file_size: bytes.length,
      chunk_size: 65536,
    });
    expect(packets.slice(1, -1).map((p) => p.data.index)).toEqual([0, 1, 2, 3]);
    expect(joined(packets)).toEqual(bytes);
    expect(packets.at(-1).data).toEqual({
      type: 'response',
      data_type: 'file_complete',
      total_chunks: 4,
      total_bytes: bytes.length,
      message: 'Download completed',
    });

    // A file the account cannot see: one failed stream envelope, nothing streamed. Ordinary actions answer as before.
    const denied = await app.inject({
      method: 'POST',
      url: '/download_file_stream',
      payload: { file: '/00000000-0000-4000-8000-000000000000' },
    });
    const [failure, ...rest] = denied.payload
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text));
    expect(rest).toEqual([]);
    // NapCat's failed stream action carries an error packet as its data, not null (OB11Response.error).
    expect(failure).toMatchObject({ status: 'failed', stream: 'stream-action', data: { type: 'error', data_type: 'error' } });
    // Params its schema refuses: over HTTP NapCat answers an ordinary failure (data null, a normal-action reply).
    const badParams = await app.inject({ method: 'POST', url: '/download_file_stream', payload: { chunk_size: 'x' } });
    expect(badParams.json()).toMatchObject({ status: 'failed', retcode: 1400, data: null, stream: 'normal-action' });
    expect((await app.inject({ method: 'GET', url: '/get_login_info' })).json()).toHaveProperty('stream', 'normal-action');
    // Without a transport that streams (here: the dispatcher alone), the download is refused before anything is read.
    expect(await ob.call(10001, 'download_file_stream', { file_id })).toMatchObject({ retcode: 2205 });
    expect(await ob.call(10001, 'download_file_stream', {})).toMatchObject({ retcode: 1400 });
  });

  it('over a WebSocket: one frame per packet with the call’s echo; images add their size, records refuse another format', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 }] });
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEklEQVR4nGP4z8DAwMDAxAAAGvQCBvbtIgMAAAAASUVORK5CYII=',
      'base64',
    );
    socket.ws.send(
      JSON.stringify({
        action: 'download_file_image_stream',
        params: { file: `base64://${png.toString('base64')}`, chunk_size: 16 },
        echo: 'img',
      }),
    );
    const last = await socket.next((frame) => frame.echo === 'img' && frame.data?.type === 'response');
    const frames = socket.frames.filter((frame) => frame.echo === 'img');
    expect(frames[0].data).toMatchObject({ data_type: 'file_info', width: 2, height: 3, file_size: png.length });
    expect(joined(frames)).toEqual(png);
    expect(last.data.total_chunks).toBe(Math.ceil(png.length / 16));

    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(40)]);
    const refused = await socket.call('download_file_record_stream', { file: `base64://${wav.toString('base64')}`, out_format: 'mp3' });
    expect(refused).toMatchObject({
      status: 'failed',
      retcode: 2205,
      stream: 'stream-action',
      data: { type: 'error', data_type: 'error' },
    });
    // Over a WebSocket NapCat answers refused params as a stream failure too (websocketHandle passes useStream).
    const badParams = await socket.call('download_file_stream', { chunk_size: 'x' });
    expect(badParams).toMatchObject({
      status: 'failed',
      retcode: 1400,
      stream: 'stream-action',
      data: { type: 'error', data_type: 'error' },
    });
    socket.ws.send(
      JSON.stringify({ action: 'download_file_record_stream', params: { file: `base64://${wav.toString('base64')}` }, echo: 'rec' }),
    );
    await socket.next((frame) => frame.echo === 'rec' && frame.data?.type === 'response');
    expect(socket.frames.find((frame) => frame.echo === 'rec').data).toMatchObject({ data_type: 'file_info', out_format: 'wav' });
    socket.close();
  });

  it('over HTTP SSE, as NapCat: the packets go to the event stream with the call’s echo, the response is the answer', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { httpSseServers: [{ name: 'sse', enable: true, host: '127.0.0.1', port: 0 }] });
    const base = `http://127.0.0.1:${tw.port(10001, 'sse')}`;
    const sse = await openSse(`${base}/_events`);
    const seen = sse.frames;
    await until(() => tw.network.status(10001).find((s) => s.name === 'sse')!.clients === 1, 10_000, 'the event stream');
    const response = await fetch(`${base}/download_file_stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file: `base64://${bytes.toString('base64')}`, chunk_size: 65536, echo: 'sse' }),
    });
    const [answer, ...more] = (await response.text())
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text));
    expect(more).toEqual([]);
    expect(answer).toMatchObject({
      status: 'ok',
      echo: 'sse',
      stream: 'stream-action',
      data: { data_type: 'file_complete', total_chunks: 4 },
    });
    await until(() => seen.length === 5, 10_000, 'the packets');
    expect(seen.every((p) => p.echo === 'sse' && p.stream === 'stream-action')).toBe(true);
    expect(joined(seen)).toEqual(bytes);
    sse.close();
  });
});
