import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/transports.js';
import { catnapFor, groupTexts, hasAction, startKoishi } from './clients.js';

type Koishi = Awaited<ReturnType<typeof startKoishi>>;
type Catnap = Awaited<ReturnType<typeof catnapFor>>;

let koishi: Koishi | undefined;
let catnap: Catnap | undefined;
afterEach(async () => {
  // Every successful reply the client got is what its action's result schema says.
  const problems = catnap?.results.problems() ?? [];
  await koishi?.stop();
  await catnap?.catnap.stop();
  koishi = undefined;
  catnap = undefined;
  expect(problems).toEqual([]);
});

const token = 'koishi-token';

/** Koishi 4.18 names a new message `message-created` (older Satori: `message`). */
const isMessage = (session: { type: string }) => session.type === 'message' || session.type === 'message-created';

/** Each Koishi mode against the matching Catnap adapters. */
const modes = {
  async ws() {
    catnap = await catnapFor();
    await catnap.catnap.writeOnebotConfig(10001, {
      network: { websocketServers: [{ name: 'ws', enable: true, port: 0, token, heartInterval: 0 }] },
    });
    koishi = await startKoishi({ protocol: 'ws', endpoint: catnap.endpoint('ws'), token, retryTimes: 0 });
  },
  async 'ws-reverse'() {
    catnap = await catnapFor();
    koishi = await startKoishi({ protocol: 'ws-reverse', path: '/onebot' }, { server: true });
    await catnap.catnap.writeOnebotConfig(10001, {
      network: {
        websocketClients: [
          { name: 'rev', enable: true, url: `ws://127.0.0.1:${koishi.port}/onebot`, token, heartInterval: 0, reconnectInterval: 100 },
        ],
      },
    });
  },
  async http() {
    catnap = await catnapFor();
    await catnap.catnap.writeOnebotConfig(10001, { network: { httpServers: [{ name: 'http', enable: true, port: 0, token }] } });
    koishi = await startKoishi(
      { protocol: 'http', endpoint: catnap.endpoint('http'), token, secret: token, path: '/onebot' },
      { server: true },
    );
    await catnap.catnap.writeOnebotConfig(10001, {
      network: {
        httpServers: [{ name: 'http', enable: true, port: 0, token }],
        httpClients: [{ name: 'post', enable: true, url: `http://127.0.0.1:${koishi.port}/onebot`, token }],
      },
    });
  },
};

describe.each(Object.keys(modes) as (keyof typeof modes)[])('Koishi adapter-onebot 6.5.4, %s mode', (mode) => {
  it('logs in, receives a change another account causes, and its API calls succeed', async () => {
    await modes[mode]();
    // Koishi fetches get_login_info before it calls the bot online.
    await until(() => koishi!.bot()?.status === 1, 10_000, 'the Koishi bot to be online');
    expect(koishi!.bot().user.name).toBe('Contract Bot');

    // Alice (the owner) changes a member's card; Koishi sees a guild-member / nickname notice.
    await catnap!.catnap.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    const session = await koishi!.waitFor(
      (candidate) => candidate.type === 'guild-member' && (candidate as { subtype?: string }).subtype === 'nickname',
    );
    expect(session).toMatchObject({ guildId: '30001', userId: '20002' });

    // Its own API calls work through the same transport.
    const member = await koishi!.bot().getGuildMember('30001', '20002');
    expect(member).toMatchObject({ nick: 'Bobby', user: { id: '20002', name: 'Bob' } });
    const guilds = await koishi!.bot().getGuildList();
    expect(guilds.data.map((guild: { id: string }) => guild.id)).toEqual(['30001']);
  });
});

describe.each(Object.keys(modes) as (keyof typeof modes)[])('Koishi adapter-onebot 6.5.4, %s mode: a conversation', (mode) => {
  it.skipIf(!hasAction('send_group_msg'))(
    'receives a group message another account sends and its answer lands in the group history',
    async () => {
      await modes[mode]();
      await until(() => koishi!.bot()?.status === 1, 10_000, 'the Koishi bot to be online');
      // The bot answers "ping" with "pong <mode>", the way a Koishi plugin would.
      koishi!.onSession((session) => {
        if (isMessage(session) && session.content === 'ping') void session.send(`pong ${mode}`);
      });
      const sent = await catnap!.act(20001, 'send_group_msg', { group_id: 30001, message: 'ping' });
      expect(sent.status).toBe('ok');
      const received = await koishi!.waitFor((session) => isMessage(session) && session.content === 'ping');
      expect(received).toMatchObject({ guildId: '30001', channelId: '30001', userId: '20001' });
      await until(async () => (await groupTexts(catnap!.act, 20001, 10001)).includes(`pong ${mode}`), 10_000, 'the answer in the history');
    },
  );
});
