import { summarize, type Summary } from '../lib/stats.js';
import { BenchWsClient } from '../lib/ws-client.js';

/**
 * Latency from one account's send to another account's WebSocket client receiving the message
 * event, at a steady `rate` messages per second. The text carries the send time.
 */
export async function eventLatency(
  sendUrl: string,
  receiveUrl: string,
  rate: number,
  durationMs: number,
  groupId = 40001,
): Promise<Summary> {
  const sender = await BenchWsClient.open(sendUrl);
  const receiver = await BenchWsClient.open(receiveUrl);
  const samples: number[] = [];
  const marker = /bench-(\d+(?:\.\d+)?)/;
  receiver.onEvent = (event, receivedAt) => {
    const text = typeof event.raw_message === 'string' ? event.raw_message : '';
    const match = marker.exec(text);
    if (match && (event.post_type === 'message' || event.post_type === undefined)) samples.push(receivedAt - Number(match[1]));
  };
  await new Promise((resolve) => setTimeout(resolve, 200));
  const total = Math.floor((rate * durationMs) / 1000);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(sender.call('send_group_msg', { group_id: groupId, message: `bench-${performance.now()}` }));
  }
  await Promise.all(sends);
  await new Promise((resolve) => setTimeout(resolve, 500));
  sender.close();
  receiver.close();
  if (samples.length < total * 0.99) throw new Error(`only ${samples.length} of ${total} events arrived`);
  return summarize(samples);
}
