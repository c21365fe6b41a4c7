import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catnap } from '../../src/app/catnap.js';
import { validateWorldFile } from '../../src/app/world-validation.js';
import type { FaultEffect } from '../../src/world/faults/fault-model.js';
import { exportWorld } from '../../src/world/world-export.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { silentLogger } from '../../src/util/logger.js';
import { presetMessages } from '../../src/onebot/faults/fault-presets.js';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

const send = (text: string) => ({ group_id: 30001, message: text });

describe('faults: in the world file', () => {
  it('adds the rules with the rest of the file; applying it again adds none twice, even after they fired', async () => {
    const env = await startCatnap(smallWorld);
    stops.push(() => env.catnap.stop());
    const file = {
      accounts: [{ user_id: 10050, nickname: 'Flaky', bot: true }],
      faults: [
        { self_id: 10001, action: 'send_*', times: 1, effect: { type: 'fail', preset: 'risk_control' } },
        { self_id: 10050, action: 'get_login_info', transport: 'admin', effect: { preset: 'not_member', type: 'fail' } },
        { event: 'notice.*', probability: 0.5, effect: { type: 'delay', delay_ms: 10 } },
      ],
    };
    expect((await env.admin('POST', '/api/world/apply', file)).status).toBe(200);
    const rules = (await env.admin('GET', '/api/faults')).json as { id: number; remaining: number | null }[];
    expect(rules).toEqual([
      expect.objectContaining({ self_id: 10001, action: 'send_*', remaining: 1, effect: { type: 'fail', preset: 'risk_control' } }),
      expect.objectContaining({ self_id: 10050, action: 'get_login_info', transport: 'admin', remaining: null }),
      expect.objectContaining({ event: 'notice.*', probability: 0.5, effect: { type: 'delay', delay_ms: 10 } }),
    ]);
    const hit = await env.admin('POST', '/api/world/act/10001/send_group_msg', send('x'));
    expect(hit.json).toMatchObject({ status: 'failed', message: presetMessages.risk_control });
    expect((await env.admin('POST', '/api/world/act/10050/get_login_info', {})).json).toMatchObject({
      status: 'failed',
      message: presetMessages.not_member,
    });

    // Again: the used-up rule is the same rule (keys in any order), so nothing is added.
    expect((await env.admin('POST', '/api/world/apply', file)).status).toBe(200);
    const again = (await env.admin('GET', '/api/faults')).json as { id: number; remaining: number | null }[];
    expect(again.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    expect(again[0]!.remaining).toBe(0);
    expect((await env.admin('POST', '/api/world/act/10001/send_group_msg', send('y'))).json.status).toBe('ok');

    // The export writes the rules that still do something, as the file wrote them.
    const exported = (await env.admin('GET', '/api/world/export')).json;
    expect(exported.faults).toEqual([file.faults[1], file.faults[2]]);
    expect(validateWorldFile(exported)).toEqual([]);
  });

  it('refuses a file with a bad rule, naming each problem by its path, and changes nothing', async () => {
    const env = await startCatnap(smallWorld);
    stops.push(() => env.catnap.stop());
    const file = {
      accounts: [{ user_id: 10060, nickname: 'New' }],
      faults: [
        { self_id: 99999, action: 'send_*', effect: { type: 'no_reply' } },
        { action: 'send_*', event: 'message.*', effect: { type: 'no_reply' } },
        { action: 'send_*', effect: { type: 'fail' } },
        { action: 'x', effect: { type: 'no_reply' } },
        { action: 'x', times: 3, effect: { type: 'no_reply' } },
        { action: 'send_{group,private', effect: { type: 'no_reply' } },
      ],
    };
    const refused = await env.admin('POST', '/api/world/apply', file);
    expect(refused.status).toBe(400);
    const problems = refused.json.error.problems as string[];
    expect(problems).toEqual(
      expect.arrayContaining([
        'faults.0.self_id: 99999 is not an account (add it to "accounts")',
        'faults.1.action, faults.1.event: a rule matches calls (action) or events (event), not both',
        'faults.2.effect: a fail effect needs a preset or a message',
        'faults.4: the same rule as faults.3 (rules differing only in times are one rule)',
        expect.stringMatching(/^faults\.5\.action: "send_\{group,private" is not a valid glob \(Missing closing: "\}"/),
      ]),
    );
    expect(problems).toHaveLength(5);
    expect((await env.admin('GET', '/api/faults')).json).toEqual([]);
    expect(env.catnap.world.accounts.find(10060)).toBeUndefined();

    // The structure is checked with the rest: an unknown key and an unknown effect are each named.
    const shape = await env.admin('POST', '/api/world/apply', { faults: [{ action: 'a', colour: 'red', effect: { type: 'explode' } }] });
    expect(shape.status).toBe(400);
    // Both are pinned to their path (the effect's message is the schema's own; it does not quote "explode").
    expect(shape.json.error.problems).toEqual(['faults.0.colour: unknown key', expect.stringMatching(/^faults\.0\.effect: \S/)]);
  });

  it('exports rules added twice through the API as the one rule a file can list, with their hits added up', async () => {
    const { world } = await memoryWorld(smallWorld);
    const rule = (timesLeft: number | null, effect: FaultEffect = { type: 'no_reply' }) =>
      world.faults.add({ selfId: null, action: 'send_*', event: null, transport: null, timesLeft, probability: null, effect });
    await rule(2);
    await rule(null, { type: 'delay', delay_ms: 5 });
    await rule(3);
    await world.faults.add({
      selfId: 10001,
      action: 'get_*',
      event: null,
      transport: null,
      timesLeft: 1,
      probability: 0.5,
      effect: { type: 'no_reply' },
    });
    await rule(null, { type: 'delay', delay_ms: 5 });
    const exported = await exportWorld(world);
    expect(exported.faults).toEqual([
      { action: 'send_*', times: 5, effect: { type: 'no_reply' } },
      { action: 'send_*', effect: { type: 'delay', delay_ms: 5 } },
      { self_id: 10001, action: 'get_*', times: 1, probability: 0.5, effect: { type: 'no_reply' } },
    ]);
    // What the export writes is a file that applies, to a fresh world and again to this one.
    expect(validateWorldFile(exported)).toEqual([]);
    const { world: copy } = await memoryWorld();
    await applyWorldFile(copy, exported);
    expect(await exportWorld(copy)).toEqual(exported);
    await applyWorldFile(world, exported);
    expect(world.faults.list()).toHaveLength(5);
  });

  it('catnap world validate runs the same checks, and --world applies the rules at start', async () => {
    const file = {
      accounts: [{ user_id: 10001, nickname: 'Bot', bot: true }],
      faults: [
        { self_id: 10001, action: 'send_group_msg', effect: { type: 'fail', preset: 'logged_out' } },
        { self_id: 10002, action: 'send_*', effect: { type: 'no_reply' } },
      ],
    };
    expect(validateWorldFile(file)).toEqual(['faults.1.self_id: 10002 is not an account (add it to "accounts")']);
    const good = { ...file, faults: file.faults.slice(0, 1) };
    expect(validateWorldFile(good)).toEqual([]);
    const dir = await tempDir();
    const path = join(dir, 'world.json');
    await writeFile(path, JSON.stringify(good));
    const catnap = await Catnap.start({
      dataDir: join(dir, 'data'),
      worldFile: path,
      webuiPort: 0,
      logger: silentLogger,
      watchConfig: false,
    });
    stops.push(() => catnap.stop());
    expect(catnap.world.faults.list()).toEqual([expect.objectContaining({ selfId: 10001, action: 'send_group_msg' })]);
  });
});
