// Baseline for HTTP throughput: bare Fastify parsing the same JSON body and answering an envelope.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
let next = 1;
app.post('/send_group_msg', async (request) => {
  const body = request.body;
  if (!body || typeof body.group_id !== 'number')
    return { status: 'failed', retcode: 1400, data: null, message: 'bad', wording: 'bad', echo: null };
  return { status: 'ok', retcode: 0, data: { message_id: next++ }, message: '', wording: '', echo: null };
});
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) });
process.stdout.write('listening\n');
process.on('SIGTERM', () => process.exit(0));
