import { summarize, type Summary } from '../lib/stats.js';
import { BenchWsClient } from '../lib/ws-client.js';

/**
 * Fan-out of one group message to `clients` connected event clients: for each of `messages`
 * messages, the time from the send until each client has it; summarised over every delivery.
 */
export async function fanOut(sendUrl: string, receiveUrl: string, clients: number, messages: number, groupId = 40001): Promise<Summary> {
  const sender = await BenchWsClient.open(sendUrl);
  const receivers = await Promise.all(Array.from({ length: clients }, () => BenchWsClient.open(receiveUrl)));
  const samples: number[] = [];
  const marker = /bench-(\d+(?:\.\d+)?)/;
  for (const receiver of receivers) {
    receiver.onEvent = (event, receivedAt) => {
      const match = marker.exec(typeof event.raw_message === 'string' ? event.raw_message : '');
      if (match) samples.push(receivedAt - Number(match[1]));
    };
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (let i = 0; i < messages; i++) {
    await sender.call('send_group_msg', { group_id: groupId, message: `bench-${performance.now()}` });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  sender.close();
  for (const receiver of receivers) receiver.close();
  if (samples.length < clients * messages * 0.99) throw new Error(`only ${samples.length} of ${clients * messages} deliveries arrived`);
  return summarize(samples);
}
