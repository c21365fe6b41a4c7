import WebSocket from 'ws';

export interface EchoBot {
  /** Group messages the bot received (OneBot events). */
  readonly received: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * A minimal OneBot 11 bot, written as a NapCat bot would be: it connects to an account's forward
 * WebSocket server and answers every group message that is not its own with a quoted
 * `echo: <text>` sent back through the same socket (send_group_msg).
 */
export async function startEchoBot(url: string, token = ''): Promise<EchoBot> {
  const ws = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const received: Record<string, unknown>[] = [];
  let echo = 0;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    if (frame.post_type !== 'message' || frame.message_type !== 'group') return;
    received.push(frame);
    const text = String(frame.raw_message ?? '');
    ws.send(
      JSON.stringify({
        action: 'send_group_msg',
        params: {
          group_id: frame.group_id,
          message: [
            { type: 'reply', data: { id: String(frame.message_id) } },
            { type: 'text', data: { text: `echo: ${text}` } },
          ],
        },
        echo: ++echo,
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    received,
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
