import { describe, expect, it } from 'vitest';
import { Transcript } from '../../src/onebot/transcript/transcript.js';
import { ManualClock } from '../../src/util/clock.js';

describe('transcript wait', () => {
  it('names the closest entries after a long wait without keeping every entry it saw', async () => {
    const transcript = new Transcript(new ManualClock(), 100_000);
    const waiting = transcript.wait({
      since: transcript.head,
      match: { kind: 'call', action: 'send_group_msg', self_id: 7 },
      count: 1,
      none: false,
      timeoutMs: 50,
    });
    const call = (selfId: number, action: string) => {
      transcript.recordCall({ selfId, transport: 'http', action, params: {}, status: 'ok', retcode: 0 });
      return { seq: transcript.head };
    };
    const nearest = call(8, 'send_group_msg');
    for (let i = 0; i < 5000; i++) call(9, 'get_status');
    const later = call(8, 'send_group_msg');
    for (let i = 0; i < 5000; i++) call(9, 'get_status');
    const outcome = await waiting;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    // Two of three conditions met beats one; among equals the latest first.
    expect(outcome.closest.slice(0, 2).map((entry) => entry.seq)).toEqual([later.seq, nearest.seq]);
    expect(outcome.closest).toHaveLength(5);
    expect(outcome.closest.slice(2).every((entry) => entry.action === 'get_status')).toBe(true);
    expect(outcome.closest[2]!.seq).toBe(transcript.head);
  });
});

describe('an abandoned wait', () => {
  it('ends when its signal aborts, long before its timeout, and is no longer pending', async () => {
    const transcript = new Transcript(new ManualClock());
    const controller = new AbortController();
    const request = { since: transcript.head, match: { kind: 'message' as const }, count: 1, none: false, timeoutMs: 600_000 };
    const waiting = transcript.wait({ ...request, signal: controller.signal });
    expect(transcript.pendingWaits).toBe(1);
    controller.abort();
    expect(await waiting).toMatchObject({ ok: false, reason: 'abandoned' });
    expect(transcript.pendingWaits).toBe(0);
    expect(await transcript.wait({ ...request, signal: controller.signal })).toMatchObject({ ok: false, reason: 'abandoned' });
    expect(transcript.pendingWaits).toBe(0);
  });
});

describe('transcript entries made on read', () => {
  it('gives calls nobody waited for the same shape as those seen at once, with long params clipped', async () => {
    const transcript = new Transcript(new ManualClock());
    const call = {
      selfId: 7,
      transport: 'ws',
      action: 'send_private_msg',
      params: { user_id: 1, message: 'x'.repeat(1000) },
      status: 'ok',
      retcode: 0,
    };
    transcript.recordCall(call);
    const heard: unknown[] = [];
    const off = transcript.onEntry((entry) => heard.push(entry));
    transcript.recordCall(call);
    off();
    const [unread, seen] = transcript.since(0).entries;
    expect(heard).toEqual([seen]);
    expect({ ...unread, seq: 0, time: 0 }).toEqual({ ...seen, seq: 0, time: 0 });
    expect(unread!.params).toEqual({ user_id: 1, message: `${'x'.repeat(300)}…(1000 chars)` });
    expect(unread!.line).toContain('call 7 ws send_private_msg');
    // The same object on every read.
    expect(transcript.at(unread!.seq)).toBe(transcript.since(0).entries[0]);
  });
});
