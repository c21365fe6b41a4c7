import { execFile } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/spawn.js';

const run = promisify(execFile);
const cli = join(repoRoot, 'bin/catnap.js');
const bot = 'node examples/napcat-ts/bot.js';
/** A step expecting the bot's pong: 30 s, as a bot in a child process on a loaded machine may take seconds (the default is 2 s). */
const expectPong = '  - expect: { text: pong, within: 30s }';

/** `catnap test ...` as a user runs it; answers its exit code and output, whatever the code. */
async function catnapTest(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'test', ...args], {
      cwd: repoRoot,
      env: { ...process.env, CATNAP_LOG_LEVEL: 'warn' },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Writes `bot.cjs` into `dir`: a bot on CATNAP_WS_URL that runs `onEvent` (lines of JS seeing `event` and `socket`) for each event. */
function writeBot(dir: string, onEvent: string[]): Promise<void> {
  return writeFile(
    join(dir, 'bot.cjs'),
    [
      `const WebSocket = require('module').createRequire(${JSON.stringify(join(repoRoot, 'package.json'))})('ws');`,
      'const socket = new WebSocket(process.env.CATNAP_WS_URL);',
      'socket.on("message", (frame) => {',
      '  const event = JSON.parse(String(frame));',
      ...onEvent.map((line) => `  ${line}`),
      '});',
      '',
    ].join('\n'),
  );
}

/** One YAML document of a scenario file: a scenario in group 30001 spoken by 20001, with these step lines. */
function scenarioDoc(name: string, steps: string[]): string[] {
  return ['---', `name: ${name}`, 'group: 30001', 'user: 20001', 'steps:', ...steps];
}

describe('catnap test', () => {
  it('passes the napcat-ts example scenarios and writes JUnit XML', async () => {
    const out = join(await tempDir('catnap-junit-'), 'report.xml');
    const result = await catnapTest(['examples/napcat-ts/scenarios', '--bot', bot, '--reporter', 'junit', '--out', out]);
    expect(result.stdout + result.stderr).toMatch(/9 scenarios: 9 passed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ say "/ping" as 20001 in group 30001');
    const xml = await readFile(out, 'utf8');
    expect(xml).toMatch(/<testsuites name="catnap test" tests="9" failures="0" skipped="0"/);
    expect(xml).toContain('<testcase classname="examples/napcat-ts/scenarios/commands.yaml" name="answers commands in a group"');
  });

  it('fails a wrong expectation with a readable diff, the transcript and the bot output, exit code 1, and TAP', async () => {
    const dir = await tempDir('catnap-scenarios-');
    await writeFile(
      join(dir, 'wrong.yaml'),
      [
        'name: expects the wrong answer',
        'group: 30001',
        'user: 20001',
        'steps:',
        '  - say: /ping',
        // The answer first, so the failing step, counting from the same say, has it to show as the nearest.
        expectPong,
        '  - expect: { text: pang, within: 500ms }',
        '  - say: never said',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'right.yaml'),
      ['name: still fine', 'group: 30001', 'user: 20001', 'steps:', '  - say: /ping', expectPong, ''].join('\n'),
    );
    const result = await catnapTest([dir, '--bot', bot, '--reporter', 'tap']);
    expect(result.code).toBe(1);
    // Progress and the story of the failure on standard error (the TAP report has standard output).
    expect(result.stderr).toContain('✗ expect "pang" in group 30001');
    expect(result.stderr).toContain('expected a message from 10001 in group 30001 containing "pang" within 500 ms');
    expect(result.stderr).toMatch(/nearest: message group 30001 from 10001: pong/);
    expect(result.stderr).toContain('- expected: "pang"');
    expect(result.stderr).toContain('+ actual:   "pong"');
    expect(result.stderr).toContain('- say "never said"');
    expect(result.stderr).toMatch(/transcript:\n[\s\S]*pong/);
    expect(result.stderr).toMatch(/bot output:\n/);
    expect(result.stderr).toMatch(/2 scenarios: 1 passed, 1 failed/);
    expect(result.stdout).toMatch(/^TAP version 13\n1\.\.2\nok 1 - still fine\nnot ok 2 - expects the wrong answer\n/);
  });

  it('refuses bad scenario files before starting anything, naming each problem: a usage error, not a failed scenario', async () => {
    const dir = await tempDir('catnap-scenarios-');
    await writeFile(join(dir, 'bad.yaml'), 'steps:\n  - sya: hi\n');
    await writeFile(join(dir, 'broken.yaml'), 'name: broken\nsteps: [\n');
    await symlink(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    // Found by the file alone, though once only when Catnap started or the step ran (exit 1).
    await writeFile(join(dir, 'world.yaml'), 'world: {accounts: 3}\nsteps: [{expect: hi}]\n');
    await writeFile(join(dir, 'who.yaml'), 'group: 30001\nsteps: [{say: hi}]\n');
    const result = await catnapTest([dir, '--bot', bot]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml: steps\.0: unknown step "sya"/);
    expect(result.stderr).toMatch(/world\.yaml: world\.accounts(\.0)?: /);
    expect(result.stderr).toContain(`who.yaml: steps.0.say: who? give "from" (or the scenario's "user")`);
    expect(result.stderr).not.toContain('could not start');
    expect(result.stderr).toMatch(/broken\.yaml: line 3, column 1: Flow sequence/);
    expect(result.stderr).toMatch(/dangling\.yaml: no such file or folder/);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toBe('');
  });

  it("refuses a missing or broken world file, a scenario's or --world, as a usage error before anything starts", async () => {
    const dir = await tempDir('catnap-scenarios-');
    await writeFile(join(dir, 'a.yaml'), 'world: nowhere.yaml\ngroup: 30001\nuser: 20001\nsteps: [{say: hi}]\n');
    await writeFile(join(dir, 'broken-world.yaml'), 'accounts: 3\n');
    await writeFile(join(dir, 'b.yaml'), 'group: 30001\nuser: 20001\nsteps: [{say: hi}]\n');
    // Before, each failed the scenarios that use it once Catnap tried to start (exit 1, "the bot is broken").
    const result = await catnapTest([join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--world', join(dir, 'broken-world.yaml'), '--bot', bot]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot read world file ${join(dir, 'nowhere.yaml')}`);
    expect(result.stderr).toMatch(/broken-world\.yaml: accounts(\.0)?: /);
    expect(result.stderr).not.toContain('could not start');
    expect(result.stdout).toBe('');
  });

  it('refuses a folder without scenarios as a usage error', async () => {
    const result = await catnapTest([await tempDir('catnap-empty-'), '--bot', bot]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catnap: no scenarios \(\.yaml, \.yml\) in /);
  });

  it('fails every scenario with the output of a bot that cannot connect', async () => {
    const result = await catnapTest(['examples/napcat-ts/scenarios/commands.yaml', '--bot', 'echo starting; exit 3']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the bot exited (code 3) before it connected');
    expect(result.stdout).toMatch(/bot output:\n\s+starting/);
  });

  it('fails the scenario a bot crashed in (even one that only expects silence), and the later ones at once', async () => {
    const dir = await tempDir('catnap-crash-');
    // A bot that answers /ping and exits on /crash.
    await writeBot(dir, [
      'if (event.raw_message === "/crash") { console.log("crashing"); process.exit(3); }',
      'if (event.raw_message === "/ping")',
      '  socket.send(JSON.stringify({ action: "send_group_msg", params: { group_id: event.group_id, message: "pong" } }));',
    ]);
    await writeFile(
      join(dir, 'crash.yaml'),
      [
        ...scenarioDoc('pings', ['  - say: /ping', expectPong]),
        // The silence is long enough for the bot's exit to be seen within it on a loaded machine:
        // an exit seen only after the scenario ended is the next scenario's (a crash between two).
        ...scenarioDoc('crashes quietly', ['  - say: /crash', '  - expect_none: 2s']),
        ...scenarioDoc('pings after', ['  - say: /ping', expectPong]),
        '',
      ].join('\n'),
    );
    const result = await catnapTest([join(dir, 'crash.yaml'), '--bot', `node ${join(dir, 'bot.cjs')}`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/✗ crashes quietly \(\d+ ms\)\n\s+the bot exited \(code 3\) during this scenario\n/);
    expect(result.stdout).toMatch(/bot output:\n\s+crashing/);
    // The scenario after the crash fails at once, without waiting out its expectation: it is not run
    // at all. (A bound on the elapsed time said the same, and failed on a loaded CI machine.)
    expect(result.stdout).toContain('not run: the bot exited (code 3) during "crashes quietly" and is not connected');
    expect(result.stdout).toMatch(/✗ pings after \(0 ms\)/);
    expect(result.stdout).toMatch(/3 scenarios: 1 passed, 2 failed/);
  });

  it('proves with a mark that the bot ignored a message, where a silence only proves it was slow', async () => {
    const dir = await tempDir('catnap-marks-');
    // Handles events one after another, as most bots do; answers chat only after 1.5 s.
    await writeBot(dir, [
      'globalThis.chain = (globalThis.chain ?? Promise.resolve()).then(async () => {',
      '  const say = (text) => socket.send(JSON.stringify({ action: "send_group_msg", params: { group_id: event.group_id, message: text } }));',
      '  if (event.raw_message === "just chatting") { await new Promise((done) => setTimeout(done, 1500)); say("I heard you"); }',
      '  if (event.raw_message === "/ping") say("pong");',
      '});',
    ]);
    const scenario = (name: string, said: string) =>
      scenarioDoc(name, [
        '  - mark: said',
        `  - say: ${said}`,
        // Passes either way: the bot's answer comes later than this silence lasts.
        '  - expect_none: 300ms',
        '  - say: /ping',
        expectPong,
        // The pong comes after whatever the bot answered to what was said: all of it is in by now.
        '  - expect_none: { since: said, regex: "^(?!pong$)", within: 0 }',
      ]);
    await writeFile(
      join(dir, 'marks.yaml'),
      [...scenario('ignores hello', 'hello'), ...scenario('ignores chat', 'just chatting'), ''].join('\n'),
    );
    const result = await catnapTest([join(dir, 'marks.yaml'), '--bot', `node ${join(dir, 'bot.cjs')}`]);
    expect(result.stdout).toMatch(/✓ ignores hello/);
    expect(result.stdout).toMatch(/✓ mark "said"/);
    expect(result.stdout).toMatch(/✓ expect silence for 300ms \(/);
    expect(result.stdout).toMatch(/✗ expect silence until now since "said"/);
    expect(result.stdout).toMatch(/I heard you/);
    expect(result.stdout).toMatch(/2 scenarios: 1 passed, 1 failed/);
    expect(result.code).toBe(1);
  });

  it('says which signal killed a bot, in the scenario it died in and in those after', async () => {
    const dir = await tempDir('catnap-killed-');
    await writeBot(dir, ['if (event.raw_message === "/die") process.kill(process.pid, "SIGKILL");']);
    await writeFile(
      join(dir, 'killed.yaml'),
      [...scenarioDoc('dies', ['  - say: /die', '  - expect_none: 2s']), ...scenarioDoc('after', ['  - say: hi']), ''].join('\n'),
    );
    // exec: a shell that stays between would report the kill as its own exit, code 137.
    const result = await catnapTest([join(dir, 'killed.yaml'), '--bot', `exec node ${join(dir, 'bot.cjs')}`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/✗ dies \(\d+ ms\)\n\s+the bot was killed by SIGKILL during this scenario\n/);
    expect(result.stdout).toContain('not run: the bot was killed by SIGKILL during "dies" and is not connected');
  });

  it('takes --seed and --clock as catnap start does, refusing bad ones as usage errors', async () => {
    const passed = await catnapTest(['examples/napcat-ts/scenarios/commands.yaml', '--bot', bot, '--seed', '7', '--clock', 'frozen']);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    const badSeed = await catnapTest(['examples/napcat-ts/scenarios', '--bot', bot, '--seed', 'nope']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('--seed must be an integer');
  });

  it('says a missing world file of --serve in one line, not a stack trace', async () => {
    const result = await catnapTest(['--serve', '--world', 'no-such-world.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^catnap: cannot read world file no-such-world\.yaml/);
    expect(result.stderr).not.toContain('    at ');
  });

  it('refuses an --out it cannot write before running anything (a usage error, not an internal one)', async () => {
    const dir = await tempDir('catnap-out-');
    const result = await catnapTest([
      'examples/napcat-ts/scenarios',
      '--bot',
      bot,
      '--reporter',
      'junit',
      '--out',
      join(dir, 'no/such/r.xml'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catnap: --out .*: cannot write into .* \(ENOENT\)\n$/);
    expect(result.stderr + result.stdout).not.toContain('scenario');
  });

  it('needs scenarios (a usage error otherwise)', async () => {
    expect((await catnapTest(['--bot', bot])).code).toBe(2);
  });
});
