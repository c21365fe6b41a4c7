import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';

/** A Milky bot (10001) in a group with a person (20001). */
const world: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Milky Bot', bot: true, milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' } } },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Meeting Point', owner_id: 20001 }],
};

type Env = Awaited<ReturnType<typeof startCatnap>>;
let env: Env | undefined;
afterEach(async () => {
  await env?.catnap.stop();
  env = undefined;
});

/** Starts a Milky send that a no_reply rule holds; `outcome` says how its HTTP request ended. */
async function heldSend(current: Env, signal?: AbortSignal) {
  await current.admin('POST', '/api/faults', { action: 'send_group_message', transport: 'milky', effect: { type: 'no_reply' } });
  const finished = new Promise<string>((resolve) => current.catnap.milky.dispatcher.onCall((record) => resolve(record.reply.status)));
  const port = current.catnap.milky.manager.server(10001)!.port;
  const body = JSON.stringify({ group_id: 30001, message: [{ type: 'text', data: { text: 'held' } }] });
  const outcome = new Promise<string>((resolve) => {
    const call = request(
      `http://127.0.0.1:${port}/milky/api/send_group_message`,
      { method: 'POST', headers: { authorization: 'Bearer milky-token', 'content-type': 'application/json' }, signal },
      (response) => resolve(`answered ${response.statusCode}`),
    );
    call.on('error', (error) => resolve(`closed: ${error.message}`));
    call.end(body);
  });
  // The call is held once the rule has fired.
  await expect
    .poll(async () => ((await current.admin('GET', '/api/faults')).json as { fired: number }[])[0]?.fired, { timeout: 10_000 })
    .toBe(1);
  return { finished, outcome };
}

describe('a Milky call a no_reply fault holds', () => {
  it('stops waiting when its client gives up, as an OneBot call does', async () => {
    env = await startCatnap(world);
    const giveUp = new AbortController();
    const { finished, outcome } = await heldSend(env, giveUp.signal);
    giveUp.abort();
    expect(await outcome).toMatch(/^closed/);
    // Before, nothing told the dispatcher: the call stayed held until Catnap stopped.
    expect(await finished).toBe('failed');
  }, 30_000);

  it('closes its connection without an answer when Catnap stops, and does not hold the stop', async () => {
    env = await startCatnap(world);
    const { finished, outcome } = await heldSend(env);
    await env.catnap.stop();
    // Not the stand-in failure as if the implementation had answered: the connection just closes.
    expect(await outcome).toMatch(/^closed/);
    // Before, the stop never let the call go: the server's grace period cut the connection, and
    // the call itself stayed held for good.
    expect(await finished).toBe('failed');
  }, 30_000);
});
