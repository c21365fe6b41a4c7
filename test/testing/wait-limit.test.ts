import { describe, expect, it, vi } from 'vitest';
import { BenchApi, waitMarginMs } from '../../src/app/testing/bench-api.js';
import { expectMessage } from '../../src/app/testing/expectations.js';

const connection = { url: 'http://127.0.0.1:1', token: 't', source: 'the test' };

describe('the request limit of a wait', () => {
  it('is the wait’s own timeout and a margin, so a 600 s expectation fails with its report, not "did not answer"', async () => {
    const api = new BenchApi(connection);
    // Catnap answers a wait that ran out only once the whole timeout passed: a request limit equal
    // to it (the client's 600 s backstop, the longest `within`) cut that answer off.
    const request = vi
      .spyOn(api.client, 'requestWithStatus')
      .mockResolvedValue({ result: { matched: [], closest: [] }, status: 408 } as never);
    await expect(expectMessage(api, { text: 'pong' }, 10001, undefined, 600_000)).rejects.toThrow(
      /^expected a message from 10001 containing "pong" within 600000 ms/,
    );
    const options = request.mock.calls[0]![4]!;
    expect(options.timeoutMs).toBeGreaterThan(600_000);
    expect(options.timeoutMs).toBe((request.mock.calls[0]![2] as { timeout_ms: number }).timeout_ms + waitMarginMs);
  });
});
