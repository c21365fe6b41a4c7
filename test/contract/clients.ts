import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ActionTable } from '../../src/onebot/action-table.js';
import { allActions } from '../../src/onebot/actions/index.js';
import { startCatnap } from '../helpers/catnap.js';
import type { WorldFile } from '../../src/world/world-file.js';

/**
 * Harnesses for real OneBot client libraries, used unchanged: Koishi 4.18 with
 * koishi-plugin-adapter-onebot 6.5.4 (ws, ws-reverse, http) and node-napcat-ts (forward ws).
 * Koishi is CommonJS and its ESM entry does not load under Node 20, so it is required.
 */
const require = createRequire(import.meta.url);

/** A world with bot 10001, two people and a group they share. */
export const contractWorld: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Contract Bot', bot: true },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  friends: [{ user_id: 10001, friend_id: 20001 }],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, admins: [10001], members: [20002] }],
};

export async function catnapFor(world: WorldFile = contractWorld) {
  const started = await startCatnap(world);
  const { catnap } = started;
  const endpoint = (name: string) => {
    const status = catnap.network.status(10001).find((entry) => entry.name === name);
    if (!status) throw new Error(`no adapter ${name}: ${JSON.stringify(catnap.network.status(10001))}`);
    return status.endpoint;
  };
  /** Runs an action as another account through the admin `act` route, as a person in the console would. */
  const act = async (userId: number, action: string, params: unknown) =>
    (await started.admin('POST', `/api/world/act/${userId}/${action}`, params)).json;
  return { ...started, endpoint, act };
}

export interface KoishiSession {
  readonly type: string;
  readonly userId: string;
  readonly guildId?: string;
  readonly channelId: string;
  readonly content?: string;
  send(content: string): Promise<string[]>;
}

/** A Koishi app with the OneBot adapter in one mode; `sessions` records every session it dispatches. */
export async function startKoishi(adapterConfig: Record<string, unknown>, options: { server?: boolean } = {}) {
  const { Context } = require('koishi');
  const { HTTP } = require('@koishijs/plugin-http');
  const { Server } = require('@koishijs/plugin-server');
  const OneBot = require('koishi-plugin-adapter-onebot');
  const app = new Context();
  app.plugin(HTTP);
  // Koishi's server only listens on a configured port; port 0 is bound by hand below.
  if (options.server) app.plugin(Server, { host: '127.0.0.1' });
  const sessions: KoishiSession[] = [];
  const listeners: ((session: KoishiSession) => void)[] = [];
  app.on('internal/session', (session: KoishiSession) => {
    sessions.push(session);
    for (const listener of listeners) listener(session);
  });
  let port = 0;
  if (options.server) {
    await app.start();
    const http: Server = app.server._http;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
    app.server.port = port;
    app.server.host = '127.0.0.1';
  }
  const fork = app.plugin(OneBot.default ?? OneBot.OneBotBot, { selfId: '10001', ...adapterConfig });
  if (!options.server) await app.start();
  const bot = () => app.bots.find((candidate: { selfId: string }) => candidate.selfId === '10001');
  return {
    app,
    port,
    sessions,
    bot,
    onSession(listener: (session: KoishiSession) => void) {
      listeners.push(listener);
    },
    async waitFor(test: (session: KoishiSession) => boolean, timeoutMs = 15_000): Promise<KoishiSession> {
      const found = sessions.find(test);
      if (found) return found;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching Koishi session; got ${sessions.map((s) => s.type).join(', ')}`)),
          timeoutMs,
        );
        listeners.push((session) => {
          if (test(session)) {
            clearTimeout(timer);
            resolve(session);
          }
        });
      });
    },
    async stop() {
      // Disposing the bot before the app avoids Koishi's own error when both go at once.
      fork.dispose();
      await app.stop();
      if (options.server) await new Promise((resolve) => (app.server?._http as Server | undefined)?.close(resolve) ?? resolve(undefined));
    },
  };
}

/** Whether this build serves an action (the message actions come from the messaging area). */
export function hasAction(name: string): boolean {
  return new ActionTable(allActions).resolve(name) !== undefined;
}

/** The text of the group's recent messages sent by `userId`, read through the act route as `reader`. */
export async function groupTexts(
  act: (userId: number, action: string, params: unknown) => Promise<any>,
  reader: number,
  userId: number,
): Promise<string[]> {
  const history = await act(reader, 'get_group_msg_history', { group_id: 30001, count: 50 });
  if (history.status !== 'ok') throw new Error(`get_group_msg_history failed: ${history.message}`);
  return history.data.messages
    .filter((message: { user_id: number }) => message.user_id === userId)
    .map((message: { message: { type: string; data: { text?: string } }[] }) =>
      message.message
        .filter((segment) => segment.type === 'text')
        .map((segment) => segment.data.text)
        .join(''),
    );
}
