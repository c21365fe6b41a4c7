import autocannon from 'autocannon';
import { rssMiB } from '../lib/processes.js';

const body = JSON.stringify({ group_id: 40001, message: [{ type: 'text', data: { text: 'bench message' } }] });

/** Requests per second of POST /send_group_msg with 32 connections; samples the server's RSS. */
export async function httpThroughput(
  url: string,
  pid: number,
  durationSeconds: number,
): Promise<{ rps: number; errors: number; peakRssMiB: number }> {
  const check = await fetch(`${url}/send_group_msg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const envelope = (await check.json()) as { status: string; message?: string };
  if (envelope.status !== 'ok') throw new Error(`send_group_msg failed before the run: ${envelope.message}`);
  let peak = 0;
  const sampler = setInterval(
    () =>
      void rssMiB(pid)
        .then((rss) => (peak = Math.max(peak, rss)))
        .catch(() => undefined),
    250,
  );
  try {
    const result = await autocannon({
      url: `${url}/send_group_msg`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: 32,
      duration: durationSeconds,
    });
    return { rps: Math.round(result.requests.average), errors: result.errors + result.non2xx, peakRssMiB: peak };
  } finally {
    clearInterval(sampler);
  }
}
