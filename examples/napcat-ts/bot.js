// A small node-napcat-ts bot, written as for a real NapCat: it only reads where to connect from
// the environment (CATNAP_WS_URL, CATNAP_TOKEN), as `catnap test` and `catnap/testing` set them.
import { NCWebsocket, Structs } from 'node-napcat-ts';

const url = new URL(process.env.CATNAP_WS_URL ?? 'ws://127.0.0.1:3001');
const bot = new NCWebsocket({
  protocol: url.protocol === 'wss:' ? 'wss' : 'ws',
  host: url.hostname,
  port: Number(url.port),
  accessToken: process.env.CATNAP_TOKEN ?? '',
  reconnection: { enable: true, attempts: 10, delay: 1000 },
});

/** Last check-in day per user (days since the epoch of the event's time: the world's clock). */
const checkins = new Map();

/** The answer to a command, or undefined for anything else. */
function answer(text, userId, time) {
  if (text === '/ping') return 'pong';
  if (text.startsWith('/echo ')) return text.slice('/echo '.length);
  if (text === '/checkin') {
    const day = Math.floor(time / 86400);
    if (checkins.get(userId) === day) return 'You already checked in today.';
    checkins.set(userId, day);
    return 'Checked in!';
  }
  return undefined;
}

const plainText = (message) =>
  message
    .filter((segment) => segment.type === 'text')
    .map((segment) => segment.data.text)
    .join('')
    .trim();

/**
 * A failed call (QQ refused a send, the account is offline) is logged, not fatal: a bot should
 * keep serving after one, as it must on a real NapCat.
 */
const on = (name, handler) =>
  bot.on(name, (event) =>
    handler(event).catch((error) => console.error(`${name}: a call failed: ${error?.message ?? JSON.stringify(error)}`)),
  );

on('message.group', async (event) => {
  const text = plainText(event.message);
  const mute = /^\/mute (\d+) (\d+)$/.exec(text);
  if (mute) {
    await bot.set_group_ban({ group_id: event.group_id, user_id: Number(mute[1]), duration: Number(mute[2]) });
    return;
  }
  if (text === '/whoami') {
    await bot.send_group_msg({
      group_id: event.group_id,
      message: [Structs.reply(event.message_id), Structs.text(`You are ${event.sender.card || event.sender.nickname}`)],
    });
    return;
  }
  const reply = answer(text, event.user_id, event.time);
  if (reply !== undefined) await bot.send_group_msg({ group_id: event.group_id, message: [Structs.text(reply)] });
});

on('message.private', async (event) => {
  const reply = answer(plainText(event.message), event.user_id, event.time);
  if (reply !== undefined) await bot.send_private_msg({ user_id: event.user_id, message: [Structs.text(reply)] });
});

on('notice.group_increase', async (event) => {
  if (event.user_id === event.self_id) return;
  await bot.send_group_msg({ group_id: event.group_id, message: [Structs.at(event.user_id), Structs.text(' Welcome!')] });
});

on('notice.notify.poke.group', async (event) => {
  if (event.target_id !== event.self_id) return;
  await bot.send_group_msg({ group_id: event.group_id, message: [Structs.text('Stop poking me!')] });
});

on('notice.group_upload', async (event) => {
  await bot.send_group_msg({ group_id: event.group_id, message: [Structs.text(`Thanks for sharing ${event.file.name}`)] });
});

on('request.friend', async (event) => {
  await bot.set_friend_add_request({ flag: event.flag, approve: true, remark: '' });
});

await bot.connect();
console.log(`napcat-ts example bot connected to ${url.host}`);

const stop = () => {
  bot.disconnect();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
