// Baseline for WebSocket work: bare ws answering each frame with an envelope (round trips), and a
// broadcast relay: a frame sent on /send is forwarded to every client on /event (latency, fan-out).
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2]) });
const listeners = new Set();
server.on('connection', (socket, request) => {
  if (request.url === '/event') {
    listeners.add(socket);
    socket.on('close', () => listeners.delete(socket));
    return;
  }
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (request.url === '/send') {
      const event = JSON.stringify({ post_type: 'message', message_type: 'group', raw_message: frame.params.message, time: 0, self_id: 1 });
      for (const listener of listeners) listener.send(event);
    }
    socket.send(
      JSON.stringify({ status: 'ok', retcode: 0, data: { user_id: 1, nickname: 'x' }, message: '', wording: '', echo: frame.echo }),
    );
  });
});
server.on('listening', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
