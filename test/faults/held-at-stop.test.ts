import { describe, expect, it } from 'vitest';
import { faultCatnap } from './helpers.js';

const send = (text: string) => ({ group_id: 30001, message: text });

describe('a call a no_reply fault holds when Catnap stops', () => {
  it('over HTTP: the connection closes without an answer, as a hung NapCat that is shut down', async () => {
    const env = await faultCatnap();
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', effect: { type: 'no_reply' } });
    const held = env.http('send_group_msg', send('held')).then(
      (answer) => ({ answered: answer }),
      (error: Error) => ({ failed: error.message }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await env.catnap.stop();
    // Not the dispatcher's stand-in (retcode 1200 "no reply (fault)") as if NapCat had answered.
    expect(await held).toEqual({ failed: expect.any(String) });
  }, 20_000);

  it('over WebSocket: no frame answers it; the socket closes', async () => {
    const env = await faultCatnap();
    await env.admin('POST', '/api/faults', { action: 'send_group_msg', effect: { type: 'no_reply' } });
    const socket = await env.socket();
    socket.ws.send(JSON.stringify({ action: 'send_group_msg', params: send('held'), echo: 'held' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await env.catnap.stop();
    expect(await socket.closed).toBeGreaterThan(0);
    expect(socket.frames.filter((frame) => frame.echo === 'held')).toEqual([]);
  }, 20_000);
});
