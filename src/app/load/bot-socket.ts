import type { AdminApi } from '../../contract/index.js';
import type { CatnapClient } from '../remote/catnap-client.js';
import { LoadRunError } from './load-run-error.js';

/** Where the bot's events can be watched: a forward WebSocket of the bot account, and its token. */
export interface BotSocket {
  readonly url: string;
  readonly token: string | undefined;
  /** The adapter's kind and name, for the report. */
  readonly adapter: string;
}

type OnebotConfigAnswer = AdminApi['GET /api/bots/:user_id/onebot']['response'];

/**
 * Finds a listening forward WebSocket among the bot's adapters (a `websocketServers` entry, or an
 * HTTP server with `enableWebsocket`), through the admin API, which knows its real port and token.
 */
export async function findBotSocket(client: CatnapClient, selfId: number): Promise<BotSocket> {
  const answer = await client.request<OnebotConfigAnswer>('GET', `/api/bots/${selfId}/onebot`);
  const network = answer.config.network as unknown as Record<
    string,
    { name: string; token?: string; enableWebsocket?: boolean }[] | undefined
  >;
  for (const kind of ['websocketServers', 'httpServers']) {
    for (const entry of network[kind] ?? []) {
      if (kind === 'httpServers' && !entry.enableWebsocket) continue;
      const status = answer.adapters.find(
        (adapter) => adapter.kind === kind && adapter.name === entry.name && adapter.state === 'listening',
      );
      if (!status) continue;
      const url = new URL(status.endpoint.replace(/^http/, 'ws'));
      // A server on every interface is reached through loopback.
      if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
      return { url: url.href, token: entry.token || undefined, adapter: `${kind} "${entry.name}"` };
    }
  }
  throw new LoadRunError(
    `account ${selfId} has no listening forward WebSocket server to watch its events on; ` +
      'give it a websocketServers entry in its OneBot config, or name a socket that receives its events with --observe <ws-url>',
  );
}

/** Waits until a client is connected to one of the bot's adapters; answers whether one did in time. */
export async function waitForBot(client: CatnapClient, selfId: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const adapters = await client.request<AdminApi['GET /api/bots/:user_id/adapters']['response']>('GET', `/api/bots/${selfId}/adapters`);
    if (adapters.some((adapter) => adapter.clients > 0)) return true;
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
