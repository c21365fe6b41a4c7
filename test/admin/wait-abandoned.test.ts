import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { until } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

describe('POST /api/world/wait', () => {
  it('ends a wait whose client went, instead of keeping it until its timeout', async () => {
    const controller = new AbortController();
    const request = fetch(`${env.catnap.webuiUrl}/api/world/wait`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ match: { kind: 'message', text: 'never said' }, timeout_ms: 600_000 }),
      signal: controller.signal,
    });
    await until(() => env.catnap.transcript.pendingWaits === 1, 10_000, 'the wait to be pending');
    controller.abort();
    await expect(request).rejects.toThrow();
    await until(() => env.catnap.transcript.pendingWaits === 0, 10_000, 'the abandoned wait to end');
    // A wait whose client stays is still answered.
    const answered = await env.admin('POST', '/api/world/wait', { match: { kind: 'message', text: 'never said' }, timeout_ms: 50 });
    expect(answered.status).toBe(408);
  });
});
