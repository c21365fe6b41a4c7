import type { WorldFile } from '../world/world-file.js';

/**
 * The world a fresh data dir starts with: bot 10001 with an HTTP API on 3000 and a WebSocket
 * server on 3001 (no tokens, loopback only), four people, friend categories, and a group with an
 * owner, an admin and members, so every action has something to act on.
 */
export function defaultWorld(host = '127.0.0.1'): WorldFile {
  return {
    accounts: [
      {
        user_id: 10001,
        nickname: 'Catnap Bot',
        bot: true,
        long_nick: 'I am a bot living in the Catnap world',
        onebot: {
          network: {
            httpServers: [{ name: 'http-api', enable: true, host, port: 3000, token: '', messagePostFormat: 'array' }],
            websocketServers: [
              {
                name: 'ws-server',
                enable: true,
                host,
                port: 3001,
                token: '',
                messagePostFormat: 'array',
                reportSelfMessage: false,
                heartInterval: 30000,
              },
            ],
          },
        },
      },
      { user_id: 20001, nickname: 'Alice', sex: 'female', age: 24, long_nick: 'Owner of the Lounge' },
      { user_id: 20002, nickname: 'Bob', sex: 'male', age: 27, long_nick: 'Lounge admin' },
      { user_id: 20003, nickname: 'Carol', sex: 'female', age: 31 },
      { user_id: 20004, nickname: 'Dave', sex: 'male', age: 19 },
    ],
    friends: [
      { user_id: 10001, friend_id: 20001, category: 'Friends', remark: 'Alice (owner)' },
      { user_id: 10001, friend_id: 20002, category: 'Friends' },
      { user_id: 10001, friend_id: 20003, category: 'Colleagues' },
      { user_id: 20001, friend_id: 20002, category: 'Friends', reverse_category: 'Friends' },
    ],
    groups: [
      {
        group_id: 30001,
        group_name: 'Catnap Lounge',
        owner_id: 20001,
        admins: [20002],
        members: [10001, 20003, 20004],
        cards: { '20002': 'Bob the admin' },
      },
      { group_id: 30002, group_name: 'Bot Lab', owner_id: 10001, members: [20001, 20003] },
    ],
  };
}
