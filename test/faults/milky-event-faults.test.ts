import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { TestSocket, until } from '../helpers/transports.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
let hook: ReturnType<typeof createServer>;
/** What the WebHook receiver got: each event's text. */
const posted: string[] = [];

const textOf = (event: any) => (event.data?.segments ?? []).map((segment: any) => segment.data?.text ?? '').join('');

beforeAll(async () => {
  hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const event = JSON.parse(body);
      if (event.event_type === 'message_receive') posted.push(textOf(event));
      response.end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  /** A Milky bot (10001) with a server and a WebHook, in a group with a person (20001). */
  const world: WorldFile = {
    accounts: [
      {
        user_id: 10001,
        nickname: 'Milky Bot',
        bot: true,
        milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' }, webhook: { urls: [url] } },
      },
      { user_id: 20001, nickname: 'Alice' },
    ],
    groups: [{ group_id: 30001, group_name: 'Meeting Point', owner_id: 20001, members: [10001] }],
  };
  env = await startCatnap(world);
});
afterAll(async () => {
  await env.catnap.stop();
  await new Promise((resolve) => hook.close(resolve));
});

const say = (text: string) => env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: text });

/** docs/faults.md, "Rules on events": they act on the POSTs of events, OneBot's HTTP POST and Milky's WebHooks. */
describe('rules on events for a Milky bot', () => {
  it('drop an event POSTed to its WebHook (named by event_type, transport milky), not on its event stream', async () => {
    const port = env.catnap.milky.manager.server(10001)!.port;
    const stream = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event`, { headers: { authorization: 'Bearer milky-token' } });
    try {
      const rule = (
        await env.admin('POST', '/api/faults', {
          self_id: 10001,
          event: 'message_receive',
          transport: 'milky',
          times: 1,
          effect: { type: 'fail', preset: 'send_timeout' },
        })
      ).json.id as number;
      // A rule named in OneBot's terms does not hit Milky's events.
      await env.admin('POST', '/api/faults', { event: 'message.*', effect: { type: 'no_reply' } });
      const mark = (await env.admin('POST', '/api/world/marks', {})).json.mark as string;
      await say('dropped');
      await say('delivered');
      await until(() => posted.includes('delivered'), 15_000, 'the second event at the WebHook');
      expect(posted).toEqual(['delivered']);
      // The event stream is not a POST: it gets both.
      await stream.next((frame) => frame.event_type === 'message_receive' && textOf(frame) === 'dropped');
      await stream.next((frame) => frame.event_type === 'message_receive' && textOf(frame) === 'delivered');

      const { entries } = (await env.admin('GET', `/api/world/transcript?since=${mark}`)).json as {
        entries: Record<string, unknown>[];
      };
      expect(entries.filter((entry) => entry.kind === 'fault')).toEqual([
        expect.objectContaining({
          rule_id: rule,
          self_id: 10001,
          transport: 'milky',
          event: 'message_receive',
          effect: 'fail',
          line: `fault rule ${rule} 10001 milky event message_receive fail -500`,
        }),
      ]);
      const listed = (await env.admin('GET', '/api/faults')).json as { id: number; fired: number }[];
      expect(listed.map((each) => each.fired)).toEqual([1, 0]);
    } finally {
      await env.admin('DELETE', '/api/faults');
      stream.close();
    }
  });
});
