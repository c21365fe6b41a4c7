import { Pool } from 'undici';
import { summarize, type Summary } from './stats.js';

/**
 * Latency of one OneBot HTTP action, called `samples` times one after another (after a warm-up
 * of a tenth as many) over one keep-alive connection; every answer must succeed.
 */
export async function actionLatency(url: string, action: string, params: unknown, samples: number): Promise<Summary> {
  const pool = new Pool(url, { connections: 1 });
  const body = JSON.stringify(params);
  const call = async () => {
    const response = await pool.request({ method: 'POST', path: `/${action}`, headers: { 'content-type': 'application/json' }, body });
    const envelope = (await response.body.json()) as { status: string; message?: string };
    if (envelope.status !== 'ok') throw new Error(`${action} failed: ${envelope.message}`);
  };
  try {
    for (let i = 0; i < Math.max(5, samples / 10); i++) await call();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    return summarize(times);
  } finally {
    await pool.close();
  }
}
