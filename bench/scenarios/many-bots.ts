import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { rssMiB, startCatnap, waitFor } from '../lib/processes.js';
import { benchTempDir, removeBenchTempDir } from '../lib/temp-dirs.js';

/**
 * `count` bot accounts in one Catnap, each with its own forward WebSocket server (ports
 * `basePort + 4` on), the first also with an HTTP server (how the helpers see Catnap is up).
 * Answers the start time on an existing data folder (the world applied by a first start), the
 * idle RSS, and checks that the last bot's server answers.
 */
export async function manyBots(basePort: number, count: number): Promise<{ coldStartMs: number; startMs: number; rssMiB: number }> {
  const dataDir = await benchTempDir('catnap-bench-bots-');
  const ports = { httpA: basePort, wsA: basePort + 1, wsB: basePort + 2, webui: basePort + 3 };
  const wsPort = (i: number) => basePort + 4 + i;
  const accounts = Array.from({ length: count }, (_, i) => ({
    user_id: 10001 + i,
    nickname: `Bot ${i + 1}`,
    bot: true,
    onebot: {
      network: {
        ...(i === 0 && { httpServers: [{ name: 'http', enable: true, host: '127.0.0.1', port: ports.httpA }] }),
        websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: wsPort(i), heartInterval: 30000 }],
      },
    },
  }));
  const worldFile = join(dataDir, 'world.json');
  await writeFile(worldFile, JSON.stringify({ accounts }));
  const first = await startCatnap({ dataDir, worldFile, ports });
  await first.stop();
  const catnap = await startCatnap({ dataDir, worldFile, ports });
  try {
    // The adapters start after the first one answers; the last may still be on its way.
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${wsPort(count - 1)}`);
          socket.once('message', () => {
            socket.terminate();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        }),
      120_000,
      250,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return { coldStartMs: first.startMs, startMs: catnap.startMs, rssMiB: await rssMiB(catnap.pid) };
  } finally {
    await catnap.stop();
    removeBenchTempDir(dataDir);
  }
}
