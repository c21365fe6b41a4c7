import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakSynthesizer } from '../../src/world/voice/speech-synthesizer.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { startCatnap } from '../helpers/catnap.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; 10002 is outside it.
const blobOf = (url: string) => /\/media\/([0-9a-f]{64})/.exec(url)![1]!;

function expectWav(bytes: Buffer) {
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
  // A spoken sentence at 22 kHz, 16 bits: well over a quarter second of audio.
  expect(bytes.length).toBeGreaterThan(12_000);
}

describe('AI voice (espeak-ng, offline)', () => {
  it('lists characters with previews, speaks a text as a real WAV record, sends it to the group, and fetch_ptt_text reads it back after a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catnap-voice-')), 'catnap.db');
    const ob = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const categories = await ob.data(10001, 'get_ai_characters', { group_id: 30001 });
    expect(categories[0]).toMatchObject({
      type: '推荐',
      characters: expect.arrayContaining([expect.objectContaining({ character_id: 'lucy-voice-xueling' })]),
    });
    expectWav(await ob.world.media.blobs.read(blobOf(categories[0].characters[0].preview_url)));

    const url = await ob.data(20002, 'get_ai_record', { character: 'lucy-voice-xueling', group_id: '30001', text: '大家好' });
    const spoken = await ob.world.media.blobs.read(blobOf(url));
    expectWav(spoken);
    const other = await ob.data(20002, 'get_ai_record', { character: 'lucy-voice-xueling', group_id: 30001, text: '晚上好，各位' });
    expect(blobOf(other)).not.toBe(blobOf(url));

    const { message_id } = await ob.data(10001, 'send_group_ai_record', { character: 'lucy-voice-houge', group_id: 30001, text: '开会了' });
    const got = await ob.data(20003, 'get_msg', { message_id });
    expect(got.message).toEqual([{ type: 'record', data: expect.objectContaining({ url: expect.stringContaining('/media/') }) }]);
    expectWav(await ob.world.media.blobs.read(blobOf(got.message[0].data.url)));
    expect(await ob.data(20003, 'fetch_ptt_text', { message_id })).toEqual({ text: '开会了' });
    expect(await ob.data(20001, 'voice_msg_to_text', { message_id })).toEqual({ text: '开会了' });
    // Someone outside the group sees no such message.
    expect(await ob.call(10002, 'fetch_ptt_text', { message_id })).toMatchObject({ retcode: 2004 });
    await ob.world.close();

    const again = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    expect(await again.data(20002, 'fetch_ptt_text', { message_id })).toEqual({ text: '开会了' });
    await again.world.close();
  });

  it('refuses bad params (1400), unknown characters, outsiders, and records whose words the world does not know, sending nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'send_group_ai_record', { character: 'lucy-voice-houge', group_id: 30001 })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(20002, 'send_group_ai_record', { character: 'nobody', group_id: 30001, text: 'hi' })).toMatchObject({
      retcode: 1400,
    });
    expect(
      await ob.call(20002, 'send_group_ai_record', { character: 'lucy-voice-houge', group_id: 30001, text: 'x'.repeat(501) }),
    ).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10002, 'get_ai_record', { character: 'lucy-voice-houge', group_id: 30001, text: 'hi' })).toMatchObject({
      retcode: 2101,
    });
    // No message at all: NapCat fails an empty history.
    expect(await ob.call(20002, 'get_group_msg_history', { group_id: 30001 })).toMatchObject({ retcode: 2004 });

    const wav = `base64://${Buffer.from('RIFF....WAVEfmt not really speech').toString('base64')}`;
    const { message_id } = await ob.data(20002, 'send_group_msg', { group_id: 30001, message: [{ type: 'record', data: { file: wav } }] });
    expect(await ob.call(20002, 'fetch_ptt_text', { message_id })).toMatchObject({
      retcode: 2205,
      message: expect.stringContaining('/api/world/records'),
    });
    const text = await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'plain' });
    expect(await ob.call(20002, 'voice_msg_to_text', { message_id: text.message_id })).toMatchObject({ retcode: 1400 });
  });

  it('says clearly when espeak-ng is not installed', async () => {
    await expect(
      new EspeakSynthesizer('catnap-no-such-espeak').synthesize('hi', { voice: 'en', pitch: 50, speed: 160 }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('apt-get install espeak-ng'),
    });
  });
});

describe('records sent with a transcript through the admin API', () => {
  let env: Awaited<ReturnType<typeof startCatnap>>;
  beforeAll(async () => {
    env = await startCatnap(smallWorld);
  });
  afterAll(async () => env.catnap.stop());

  it('a private record with a transcript reads back with fetch_ptt_text; bad bodies are 400s', async () => {
    const audio = `base64://${Buffer.from('pretend this is silk audio').toString('base64')}`;
    const sent = await env.admin('POST', '/api/world/records', { user_id: 20001, target_id: 10001, file: audio, transcript: '记得带伞' });
    expect(sent.status).toBe(201);
    const read = await env.admin('POST', '/api/world/act/10001/fetch_ptt_text', { message_id: sent.json.message_id });
    expect(read.json).toMatchObject({ status: 'ok', data: { text: '记得带伞' } });
    expect((await env.admin('POST', '/api/world/records', { user_id: 20001, file: audio, transcript: 'x' })).status).toBe(400);
    expect((await env.admin('POST', '/api/world/records', { user_id: 20001, target_id: 10001, file: audio, transcript: '' })).status).toBe(
      400,
    );
  });
});
