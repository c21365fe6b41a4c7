import { BenchWsClient } from '../lib/ws-client.js';

/** Action round trips per second over one forward WebSocket, keeping `inFlight` calls outstanding. */
export async function wsRoundTrips(url: string, durationMs: number, inFlight = 32): Promise<number> {
  const client = await BenchWsClient.open(url);
  client.onEvent = () => undefined;
  let done = 0;
  const deadline = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const reply = await client.call('get_login_info', {});
      if (reply.status !== 'ok') throw new Error(`get_login_info failed: ${reply.message}`);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - started;
  client.close();
  return Math.round((done / elapsed) * 1000);
}
