import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/spawn.js';

const run = promisify(execFile);

// The fault, health and disconnect steps against a real bot (the napcat-ts example, which
// reconnects by itself), through `catnap test` as a user runs it. The bot is a child process on
// a loaded machine: every answer gets 30 s, not the 2 s default, and the silence after the
// failed send comes once the send is seen (expect_call), so it checks the send's outcome.
const scenario = `
name: survives faults
group: 30001
user: 20001
steps:
  - fault: { self_id: 10001, action: "send_*", times: 1, effect: { type: fail, preset: risk_control } }
  - say: /ping
  - expect_call: { action: send_group_msg, within: 30s }
  - expect_none: 300ms
  - say: /ping
  - expect: { text: pong, within: 30s }
  - health: offline
  - say: /ping
  - expect_none: 300ms
  - health: { state: online }
  - disconnect: { refuse_ms: 300, reconnect: 30s }
  - say: /ping
  - expect: { text: pong, within: 30s }
---
name: a fault that is never hit fails nothing, and a step that drops nothing fails
group: 30001
user: 20001
steps:
  - fault: { action: get_cookies, effect: { type: no_reply } }
  - say: /ping
  - expect: { text: pong, within: 30s }
  - disconnect: no-such-adapter
`;

describe('fault steps', () => {
  it('fault, health and disconnect act on the bot, and the bot survives them', async () => {
    const dir = await tempDir('catnap-fault-steps-');
    await writeFile(join(dir, 'faults.yaml'), scenario);
    const result = await run(process.execPath, [join(repoRoot, 'bin/catnap.js'), 'test', dir, '--bot', 'node examples/napcat-ts/bot.js'], {
      cwd: repoRoot,
      env: { ...process.env, CATNAP_LOG_LEVEL: 'warn' },
      timeout: 120_000,
    }).then(
      (done) => ({ code: 0, out: done.stdout + done.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
    );
    expect(result.out).toMatch(/2 scenarios: 1 passed, 1 failed/);
    expect(result.code).toBe(1);
    expect(result.out).toContain('✓ fault: send_* fail');
    expect(result.out).toContain('✓ the bot goes offline');
    expect(result.out).toContain("✓ the bot's connection drops, refusing it for 300 ms, and it reconnects within 30s");
    // The second scenario fails at its last step only: the adapter does not exist.
    expect(result.out).toMatch(/✗ the bot's connection drops on no-such-adapter/);
    expect(result.out).toMatch(/no adapter named "no-such-adapter"/);
  });
});
