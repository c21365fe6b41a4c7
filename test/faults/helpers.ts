import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { TestSocket } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';

/**
 * A real Catnap with smallWorld whose bot 10001 has a forward WebSocket ("ws") and an HTTP API
 * ("http"), heartbeats every `heartMs`. `settings` is written to catnap.json before it starts.
 */
export async function faultCatnap(options: { heartMs?: number; settings?: object; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? (await tempDir());
  if (options.settings) {
    await mkdir(join(dataDir, 'config'), { recursive: true });
    await writeFile(join(dataDir, 'config', 'catnap.json'), JSON.stringify(options.settings));
  }
  const env = await startCatnap(smallWorld, { dataDir });
  const saved = await env.admin('PUT', '/api/bots/10001/onebot', {
    network: {
      websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: options.heartMs ?? 0 }],
      httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port: 0 }],
    },
  });
  if (saved.status !== 200) throw new Error(`config not saved: ${JSON.stringify(saved.json)}`);
  const endpoint = (name: string) => {
    const adapter = (saved.json.adapters as { name: string; endpoint: string }[]).find((each) => each.name === name)!;
    return adapter.endpoint;
  };
  const wsUrl = endpoint('ws');
  const httpUrl = endpoint('http');
  const socket = () => TestSocket.open(wsUrl);
  /** Calls an action over the HTTP API; `signal` lets a test give up on a call that never answers. */
  const http = async (action: string, params: unknown = {}, signal?: AbortSignal) => {
    const response = await fetch(`${httpUrl}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal,
    });
    return { status: response.status, json: await response.json() };
  };
  return { ...env, dataDir, wsUrl, httpUrl, socket, http };
}

/** The group messages of 30001 as the world has them (texts). */
export async function loungeTexts(env: Awaited<ReturnType<typeof faultCatnap>>): Promise<string[]> {
  const history = env.catnap.world.conversations.history(20001, { type: 'group', groupId: 30001 }, { count: 50, newer: false });
  return history.map((message) => message.elements.map((element) => ('text' in element ? element.text : '')).join(''));
}
