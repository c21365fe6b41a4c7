import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(() => env.catnap.stop());

const text = (value: string) => [{ type: 'text', data: { text: value } }];

describe('POST /api/world/act-batch', () => {
  it('runs every call as its account, each a real message with its event, answering the envelopes in order', async () => {
    const events: DomainEvent[] = [];
    const stop = env.catnap.world.events.on((event) => events.push(event));
    const answer = await env.admin('POST', '/api/world/act-batch', {
      calls: [
        { user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text('first') } },
        { user_id: 20003, action: 'send_group_msg', params: { group_id: 30001, message: text('second') } },
        { user_id: 20002, action: 'nope' },
        { user_id: 20002, action: 'get_group_info', params: { group_id: 'x' } },
        // Not a member of 30002: refused as the act route refuses it, the others still run.
        { user_id: 20002, action: 'send_group_msg', params: { group_id: 30002, message: text('not mine') } },
      ],
    });
    stop();
    expect(answer.status).toBe(200);
    const results = answer.json.results as { status: string; retcode: number; data: { message_id?: number } | null }[];
    expect(results.map((result) => result.retcode)).toEqual([0, 0, 1404, 1400, results[4]!.retcode]);
    expect(results[4]!.retcode).not.toBe(0);
    const history = await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001, count: 10 });
    const texts = (history.json.data.messages as { raw_message: string }[]).map((message) => message.raw_message);
    expect(texts.slice(-2)).toEqual(['first', 'second']);
    const sent = events.filter((event) => event.type === 'message.created');
    expect(sent).toHaveLength(2);
  });

  it('runs nothing when an account does not exist', async () => {
    const before = await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001, count: 50 });
    const answer = await env.admin('POST', '/api/world/act-batch', {
      calls: [
        { user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text('never') } },
        { user_id: 29999, action: 'send_group_msg', params: { group_id: 30001, message: text('nobody') } },
      ],
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('USER_NOT_FOUND');
    const after = await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001, count: 50 });
    expect(after.json.data.messages).toEqual(before.json.data.messages);
  });

  it('refuses an empty batch, a misspelt key and more than 1,000 calls', async () => {
    expect((await env.admin('POST', '/api/world/act-batch', { calls: [] })).status).toBe(400);
    expect((await env.admin('POST', '/api/world/act-batch', { calls: [{ user_id: 20002, acton: 'x' }] })).status).toBe(400);
    const many = Array.from({ length: 1001 }, () => ({ user_id: 20002, action: 'get_login_info' }));
    expect((await env.admin('POST', '/api/world/act-batch', { calls: many })).status).toBe(400);
  });
});
