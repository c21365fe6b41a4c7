import { describe, expect, it } from 'vitest';
import { faultCatnap } from './helpers.js';

const send = (text: string) => ({ group_id: 30001, message: text });

/**
 * Adds a no_reply rule for send_group_msg; the answer waits until the rule has held a call. The
 * stop must come while the call is held: stopped before the call even arrived (a loaded machine
 * can take longer than any fixed pause), the test would pass whatever Catnap does with held calls.
 */
async function holdSends(env: Awaited<ReturnType<typeof faultCatnap>>): Promise<() => Promise<void>> {
  const { mark } = (await env.admin('POST', '/api/world/marks', {})).json;
  const rule = (await env.admin('POST', '/api/faults', { action: 'send_group_msg', effect: { type: 'no_reply' } })).json.id as number;
  return async () => {
    const wait = await env.admin('POST', '/api/world/wait', { since: mark, match: { kind: 'fault', rule_id: rule }, timeout_ms: 30_000 });
    if (wait.status !== 200) throw new Error(`the rule held no call: ${wait.text}`);
  };
}

describe('a call a no_reply fault holds when Catnap stops', () => {
  it('over HTTP: the connection closes without an answer, as a hung NapCat that is shut down', async () => {
    const env = await faultCatnap();
    const fired = await holdSends(env);
    const held = env.http('send_group_msg', send('held')).then(
      (answer) => ({ answered: answer }),
      (error: Error) => ({ failed: error.message }),
    );
    await fired();
    await env.catnap.stop();
    // Not the dispatcher's stand-in (retcode 1200 "no reply (fault)") as if NapCat had answered.
    expect(await held).toEqual({ failed: expect.any(String) });
  });

  it('over WebSocket: no frame answers it; the socket closes', async () => {
    const env = await faultCatnap();
    const fired = await holdSends(env);
    const socket = await env.socket();
    socket.ws.send(JSON.stringify({ action: 'send_group_msg', params: send('held'), echo: 'held' }));
    await fired();
    await env.catnap.stop();
    expect(await socket.closed).toBeGreaterThan(0);
    expect(socket.frames.filter((frame) => frame.echo === 'held')).toEqual([]);
  });
});
