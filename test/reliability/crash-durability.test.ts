import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postJson, spawnCatnap, tempDir } from '../helpers/spawn.js';

const world = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot',
      bot: true,
      onebot: { network: { httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0 }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Crash test', owner_id: 20001, members: [10001] }],
};

describe('durability', () => {
  it('after kill -9 during a burst of sends, every acknowledged message is there and nothing is half-written', async () => {
    const data = await tempDir();
    const worldFile = join(data, 'world.json');
    await writeFile(worldFile, JSON.stringify(world));
    const first = await spawnCatnap(['--data', data, '--world', worldFile, '--webui-port', '0']);
    const api = first.endpoints.get('10001:api')!;
    const acknowledged = new Map<number, string>();
    let stop = false;
    const sender = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const text = `worker ${worker} message ${i}`;
        try {
          const reply = await postJson(`${api}/send_group_msg`, { group_id: 30001, message: [{ type: 'text', data: { text } }] });
          if (reply.json?.status === 'ok') acknowledged.set(reply.json.data.message_id, text);
        } catch {
          return; // the server died mid-request: that send was never acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, worker) => sender(worker));
    // Kill mid-burst once enough sends are acknowledged; waiting on a count rather than a fixed
    // time keeps the test meaningful on a loaded machine.
    const deadline = Date.now() + 30_000;
    while (acknowledged.size <= 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    first.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await first.exited;
    expect(acknowledged.size).toBeGreaterThan(20);

    const second = await spawnCatnap(['--data', data, '--webui-port', '0']);
    try {
      const api2 = second.endpoints.get('10001:api')!;
      for (const [messageId, text] of acknowledged) {
        const reply = await postJson(`${api2}/get_msg`, { message_id: messageId });
        expect(reply.json.status, `acknowledged message ${messageId} is missing`).toBe('ok');
        expect(reply.json.data.raw_message).toBe(text);
      }
      // Walk the whole history backwards: seqs are contiguous, every message is whole and readable.
      const seen: { id: number; seq: number; text: string }[] = [];
      let anchor: number | undefined;
      for (;;) {
        const page = await postJson(`${api2}/get_group_msg_history`, {
          group_id: 30001,
          count: 200,
          ...(anchor ? { message_seq: anchor, reverse_order: true } : {}),
        });
        expect(page.json.status).toBe('ok');
        const messages = (page.json.data.messages as any[]).filter((m) => m.message_id !== anchor);
        if (messages.length === 0) break;
        seen.unshift(...messages.map((m) => ({ id: m.message_id, seq: Number(m.real_seq), text: m.raw_message })));
        anchor = messages[0].message_id;
      }
      expect(seen.map((m) => m.seq)).toEqual(seen.map((_, index) => index + 1));
      for (const message of seen) expect(message.text).toMatch(/^worker \d message \d+$/);
      const ids = new Set(seen.map((m) => m.id));
      for (const messageId of acknowledged.keys()) expect(ids.has(messageId)).toBe(true);
      // The next send continues the sequence and never reuses an id.
      const next = await postJson(`${api2}/send_group_msg`, { group_id: 30001, message: 'after the crash' });
      expect(next.json.data.message_id).toBeGreaterThan(Math.max(...ids));
    } finally {
      await second.stop();
    }
  });
});
