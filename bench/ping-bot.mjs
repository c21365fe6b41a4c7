// The reference bot of `catnap load` and of the load benchmark: the smallest OneBot 11 bot that
// answers, written as a NapCat bot would be. It connects to an account's forward WebSocket server
// and answers "/ping" in a group with a quoted "pong" through the same socket (send_group_msg).
//
//   node bench/ping-bot.mjs ws://127.0.0.1:3001 [token] [--all]
//
// --all answers every group message, not only "/ping" (a bot that is busy all the time).
import WebSocket from 'ws';

const args = process.argv.slice(2);
const all = args.includes('--all');
const [url, token] = args.filter((arg) => !arg.startsWith('--'));
if (!url) {
  process.stderr.write('usage: node bench/ping-bot.mjs <ws-url> [token] [--all]\n');
  process.exit(2);
}

let socket;
let echo = 0;
let answered = 0;
let failed = 0;
const started = Date.now();

/** Connects, and tries again for a minute while the server is not up yet (a bot started beside Catnap). */
function connect() {
  socket = new WebSocket(url, { perMessageDeflate: false, ...(token && { headers: { authorization: `Bearer ${token}` } }) });
  let opened = false;
  socket.on('open', () => {
    opened = true;
    process.stdout.write(`ping-bot connected to ${url}\n`);
  });
  socket.on('message', (data) => answer(JSON.parse(data.toString())));
  socket.on('error', (error) => {
    if (!opened && error.code === 'ECONNREFUSED' && Date.now() - started < 60_000) return;
    process.stderr.write(`ping-bot: ${error.message}\n`);
    process.exit(1);
  });
  socket.on('close', () => (opened ? process.exit(0) : setTimeout(connect, 250)));
}

function answer(frame) {
  if (frame.echo !== undefined) {
    if (frame.retcode !== 0) failed++;
    return;
  }
  if (frame.post_type !== 'message' || frame.message_type !== 'group') return;
  if (!all && String(frame.raw_message).trim() !== '/ping') return;
  answered++;
  socket.send(
    JSON.stringify({
      action: 'send_group_msg',
      params: {
        group_id: frame.group_id,
        message: [
          { type: 'reply', data: { id: String(frame.message_id) } },
          { type: 'text', data: { text: 'pong' } },
        ],
      },
      echo: ++echo,
    }),
  );
}

connect();
const stop = () => {
  process.stdout.write(`ping-bot answered ${answered} messages, ${failed} answers failed\n`);
  socket.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
