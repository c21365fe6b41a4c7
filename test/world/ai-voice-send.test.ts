import { describe, expect, it } from 'vitest';
import { WorldError } from '../../src/world/errors.js';
import { limitedMediaWorld } from '../helpers/world.js';

describe('AI voice sends', () => {
  it('refuses a sender the group would not let speak before any speech is made or any source read', async () => {
    const spoken: string[] = [];
    const speech = {
      synthesize: async (text: string) => {
        spoken.push(text);
        return Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from(text)]);
      },
    };
    const { world } = await limitedMediaWorld(1024 * 1024, { speech });
    const code = (run: () => Promise<unknown>) =>
      run().then(
        () => 'ok',
        (error: unknown) => (error instanceof WorldError ? error.code : String(error)),
      );
    await world.groups.mute(20001, 30001, 20002, 600);
    expect(await code(() => world.aiVoice.sendToGroup(20002, 30001, 'lucy-voice-female1', 'hi'))).toBe('MUTED');
    expect(spoken).toEqual([]);
    // A voice with a transcript (the admin API's) is a message too: the rule answers, not the unreadable source.
    const target = { type: 'group', groupId: 30001 } as const;
    expect(await code(() => world.aiVoice.sendWithTranscript(20002, target, 'file:///nonexistent/voice.wav', 'hi'))).toBe('MUTED');
    expect(await code(() => world.aiVoice.sendToGroup(20001, 30001, 'lucy-voice-female1', 'owner'))).toBe('ok');
    expect(spoken).toEqual(['owner']);
  });
});
