import { readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadScenarios, ScenarioError } from '../../src/app/testing/scenario/load-scenarios.js';
import { scenarioJsonSchema } from '../../src/app/testing/scenario/scenario-schema.js';
import { stepTable } from '../../src/app/testing/scenario/steps.js';
import { durationMs } from '../../src/app/testing/scenario/step.js';
import { junitReport } from '../../src/app/testing/scenario/reporters/junit.js';
import { tapReport } from '../../src/app/testing/scenario/reporters/tap.js';
import type { ScenarioResult } from '../../src/app/testing/scenario/run-scenarios.js';
import { prepareTestWorld } from '../../src/app/testing/test-world-file.js';
import { defaultWorld } from '../../src/app/default-world.js';
import { repoRoot, tempDir } from '../helpers/spawn.js';

async function scenarioFile(text: string, name = 'case.yaml'): Promise<string> {
  const file = join(await tempDir('catnap-scenarios-'), name);
  await writeFile(file, text);
  return file;
}

async function problemsOf(text: string): Promise<string[]> {
  const error = await loadScenarios([await scenarioFile(text)]).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ScenarioError);
  return (error as ScenarioError).problems.map((problem) => problem.replace(/^.*?case\.yaml(?: \(scenario \d+\))?: /, ''));
}

type NeedsRule = {
  if: { not: { required: string[] } };
  then: { properties: { steps: { items: { not: { anyOf: { required: string[] }[] } } } } };
};

describe('scenario files', () => {
  it('reads every example scenario, with defaults, shorthands and one step entry per key', async () => {
    const scenarios = await loadScenarios([join(repoRoot, 'examples/napcat-ts/scenarios')]);
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    const commands = scenarios.find((scenario) => scenario.name === 'answers commands in a group')!;
    expect(commands).toMatchObject({ group: 30001, user: 20001, skip: false });
    expect(commands.steps.map((step) => step.spec.name)).toEqual([
      'say',
      'expect',
      'say',
      'expect',
      'mark',
      'say',
      'say',
      'expect',
      'expect_none',
    ]);
    expect(commands.steps[0]!.spec.describe(commands.steps[0]!.value as never, { group: commands.group, user: commands.user })).toBe(
      'say "/ping" as 20001 in group 30001',
    );
  });

  it('holds several scenarios in one file (YAML documents), named by the file when unnamed', async () => {
    const file = await scenarioFile('user: 20001\nsteps: [{say: hi}]\n---\nname: second\nsteps: [{expect: hi}]\n', 'two.yaml');
    const scenarios = await loadScenarios([file]);
    expect(scenarios.map((scenario) => scenario.name)).toEqual(['two #1', 'second']);
  });

  it('names every problem by its place, and runs nothing', async () => {
    expect(await problemsOf('steps:\n  - sya: hello\n')).toEqual([expect.stringMatching(/^steps\.0: unknown step "sya" \(known: say, /)]);
    expect(await problemsOf('steps:\n  - say: { txt: hello }\n')).toEqual(['steps.0.say.txt: unknown key']);
    expect(await problemsOf('steps:\n  - expect: { text: pong, within: soon }\n')).toEqual([
      expect.stringMatching(/^steps\.0\.expect\.within: /),
    ]);
    expect(await problemsOf('steps:\n  - say: hi\n    expect: pong\n')).toEqual([expect.stringMatching(/^steps\.0: a step is one key/)]);
    expect(await problemsOf('group: lounge\nstep: []\n')).toEqual([
      expect.stringMatching(/^step: unknown key/),
      'group: expected a QQ number',
      'steps: expected a list of steps',
    ]);
    expect(await problemsOf('steps: [\n')).toEqual([expect.stringMatching(/Flow sequence|flow collection|Missing/i)]);
  });

  it('checks an inline world as --world checks a world file, naming each problem under "world", before anything starts', async () => {
    // Unchecked, a world of the wrong shape reached the test world's preparation: "accounts.find is not a function".
    expect(await problemsOf('world: {accounts: 3}\nsteps: [{expect: hi}]\n')).toEqual([expect.stringMatching(/^world\.accounts(\.0)?: /)]);
    const unknownOwner = [
      'world:',
      '  accounts: [{user_id: 10001, nickname: Bot, bot: true}]',
      '  groups: [{group_id: 30001, group_name: Lounge, owner_id: 99999}]',
      'steps: [{expect: hi}]',
    ].join('\n');
    expect(await problemsOf(unknownOwner)).toEqual([expect.stringMatching(/^world\.groups\.0\.owner_id: 99999 is not an account/)]);
    expect(await problemsOf('world:\nsteps: [{expect: hi}]\n')).toEqual(['world: expected a world file path or a world']);
  });

  it('refuses steps that lack who acts, their group or their message, naming scenario and step, before anything runs', async () => {
    // Each of these failed only when its step ran, after Catnap and the bot had started.
    const lacking = [
      'steps:',
      '  - say: hello',
      '  - say: { from: 20001 }',
      '  - poke: {}',
      '  - friend_request: { comment: hi }',
      '  - upload: { name: a.txt }',
      '  - act: { action: get_login_info }',
      '  - join: { user: 20004 }',
      '  - leave: { user: 20004 }',
      '  - kick: { user: 20004, by: 20001 }',
      '  - mute: { user: 20004, duration: 1m }',
      '  - expect: pong',
      '  - expect: { text: pong, private: true }',
      '---',
      'user: 20001',
      'steps: [{ upload: { name: a.txt } }]',
    ].join('\n');
    const who = (field: string) => `who? give "${field}" (or the scenario's "user")`;
    const group = 'which group? give "group" (or the scenario\'s "group")';
    const error = await loadScenarios([await scenarioFile(lacking)]).catch((caught: unknown) => caught);
    expect((error as ScenarioError).problems.map((problem) => problem.replace(/^.*?case\.yaml/, 'case.yaml'))).toEqual([
      `case.yaml (scenario 1): steps.0.say: ${who('from')}`,
      'case.yaml (scenario 1): steps.1.say: give "text" or "segments"',
      `case.yaml (scenario 1): steps.2.poke: ${who('from')}`,
      `case.yaml (scenario 1): steps.3.friend_request: ${who('from')}`,
      `case.yaml (scenario 1): steps.4.upload: ${who('from')}`,
      `case.yaml (scenario 1): steps.4.upload: ${group}`,
      `case.yaml (scenario 1): steps.5.act: ${who('as')}`,
      `case.yaml (scenario 1): steps.6.join: ${group}`,
      `case.yaml (scenario 1): steps.7.leave: ${group}`,
      `case.yaml (scenario 1): steps.8.kick: ${group}`,
      `case.yaml (scenario 1): steps.9.mute: ${group}`,
      // It matched any message, group ones included: a bot answering in the group passed.
      `case.yaml (scenario 1): steps.11.expect: privately with whom? give "to" (or the scenario's "user")`,
      `case.yaml (scenario 2): steps.0.upload: ${group}`,
    ]);
    // The scenario's user and group, or the step's own fields, give what they need.
    const given = [
      'user: 20001',
      'group: 30001',
      'steps: [{ say: hi }, { upload: { name: a.txt } }, { join: { user: 20004 } }, { act: { action: get_login_info } }]',
      '---',
      'steps:',
      '  - say: { text: hi, from: 20001, private: true }',
      '  - upload: { name: a.txt, from: 20001, group: 30001 }',
      '  - act: { action: get_login_info, as: 20001 }',
      '  - mute: { user: 20004, group: 30001, duration: 0 }',
      '  - expect: pong',
      '  - expect: { text: pong, private: true, to: 20001 }',
      '  - expect_none: { private: true }',
    ].join('\n');
    expect(await loadScenarios([await scenarioFile(given)])).toHaveLength(2);
  });

  it('says when a path does not exist', async () => {
    await expect(loadScenarios(['/no/such/scenarios'])).rejects.toThrow('/no/such/scenarios: no such file or folder');
  });

  it('names a YAML error by line and column, on one line', async () => {
    expect(await problemsOf('name: x\nsteps:\n  - say: a\n    say: b\n')).toEqual(['line 4, column 5: Map keys must be unique']);
  });

  it('names scenario files it cannot read as ScenarioErrors (a dangling link, a socket), and skips other dangling links', async () => {
    const dir = await tempDir('catnap-scenarios-');
    await symlink(join(dir, 'gone.yaml'), join(dir, 'a.yaml'));
    await symlink(join(dir, 'gone.txt'), join(dir, 'notes'));
    const socket = createServer();
    await new Promise<void>((resolve) => socket.listen(join(dir, 'b.yaml'), resolve));
    try {
      const error = await loadScenarios([dir]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems).toEqual([
        `${join(dir, 'a.yaml')}: no such file or folder`,
        `${join(dir, 'b.yaml')}: cannot read (ENXIO)`,
      ]);
    } finally {
      socket.close();
    }
  });

  it('refuses a since that names no earlier mark, and a mark named twice, before anything runs', async () => {
    const wrong = [
      'group: 30001',
      'user: 20001',
      'steps:',
      '  - expect_none: { since: chatted }',
      '  - mark: chatted',
      '  - say: just chatting',
      '  - mark: chatted',
      '  - expect: { text: pong, since: chated }',
      '  - expect_call: { action: send_group_msg, since: later }',
      '  - mark: later',
      '  - mark: ""',
    ].join('\n');
    const error = await loadScenarios([await scenarioFile(wrong)]).catch((caught: unknown) => caught);
    expect((error as ScenarioError).problems.map((problem) => problem.replace(/^.*?case\.yaml/, 'case.yaml'))).toEqual([
      'case.yaml: steps.0.expect_none.since: no earlier "mark" step named "chatted" (add "- mark: chatted" above)',
      'case.yaml: steps.3.mark: an earlier step already made the mark "chatted"; give each mark its own name',
      'case.yaml: steps.4.expect.since: no earlier "mark" step named "chated" (add "- mark: chated" above)',
      'case.yaml: steps.5.expect_call.since: no earlier "mark" step named "later" (add "- mark: later" above)',
      expect.stringMatching(/^case\.yaml: steps\.7\.mark: .*length/),
    ]);
    const right = [
      'group: 30001',
      'user: 20001',
      'steps:',
      '  - mark: chatted',
      '  - say: just chatting',
      '  - say: /ping',
      '  - expect: { text: pong, since: chatted }',
      '  - expect_call: { action: send_group_msg, since: chatted }',
      '  - expect_none: { regex: "^(?!pong$)", within: 0, since: chatted }',
    ].join('\n');
    const [scenario] = await loadScenarios([await scenarioFile(right)]);
    const described = scenario!.steps.map((step) => step.spec.describe(step.value as never, { group: 30001, user: 20001 }));
    expect(described[0]).toBe('mark "chatted"');
    expect(described.slice(3)).toEqual([
      'expect "pong" in group 30001 since "chatted"',
      'expect call send_group_msg since "chatted"',
      'expect silence until now since "chatted"',
    ]);
  });

  it('publishes its JSON Schema for editors, current with the step table (npm run docs)', async () => {
    expect(await readFile(join(repoRoot, 'docs/scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchema());
    const schema = JSON.parse(scenarioJsonSchema()) as { properties: { steps: { items: { anyOf: { properties: object }[] } } } };
    const keys = schema.properties.steps.items.anyOf.map((step) => Object.keys(step.properties)[0]);
    expect(keys).toEqual(stepTable.map((step) => step.name));
    // Without the scenario's user / group, the schema wants the steps that need one to name it.
    const needs = (JSON.parse(scenarioJsonSchema()) as { allOf: NeedsRule[] }).allOf;
    expect(
      needs.map((rule) => [rule.if.not.required[0], rule.then.properties.steps.items.not.anyOf.map((step) => step.required[0])]),
    ).toEqual([
      ['user', stepTable.filter((step) => step.needs?.who).map((step) => step.name)],
      ['group', stepTable.filter((step) => step.needs?.group).map((step) => step.name)],
    ]);
  });

  it('reads durations', () => {
    expect([durationMs(250), durationMs('500ms'), durationMs('2s'), durationMs('1.5m'), durationMs('1d')]).toEqual([
      250, 500, 2000, 90_000, 86_400_000,
    ]);
  });
});

describe('reports', () => {
  const scenario = (name: string) => ({ file: join(repoRoot, 'examples/a.yaml'), name, skip: false, steps: [] });
  const results: ScenarioResult[] = [
    {
      scenario: scenario('passes'),
      status: 'passed',
      durationMs: 12,
      steps: [{ description: 'say "/ping"', status: 'passed', durationMs: 3 }],
    },
    {
      scenario: scenario('fails <badly> & "loudly"'),
      status: 'failed',
      durationMs: 40,
      steps: [{ description: 'expect "pong!"', status: 'failed', durationMs: 30, error: 'expected a message containing "pong!"' }],
      error: 'expected a message containing "pong!"\n  nearest: message from 10001: "pong"',
      transcript: '00:00 20001 → group 30001: /ping',
      botOutput: 'bot says \u0007hi',
    },
    { scenario: { ...scenario('later'), skip: true }, status: 'skipped', durationMs: 0, steps: [] },
  ];

  it('writes JUnit XML with each failure, its transcript and the bot output, escaped', () => {
    const xml = junitReport(results, 60, repoRoot);
    expect(xml).toContain('<testsuites name="catnap test" tests="3" failures="1" skipped="1"');
    expect(xml).toContain('<testsuite name="examples/a.yaml" tests="3" failures="1" skipped="1"');
    expect(xml).toContain('name="fails &lt;badly&gt; &amp; &quot;loudly&quot;"');
    expect(xml).toContain('<failure message="expected a message containing &quot;pong!&quot;">');
    expect(xml).toContain('<system-out>transcript:\n00:00 20001 → group 30001: /ping\n\nbot output:\nbot says hi</system-out>');
    expect(xml).toContain('<skipped/>');
  });

  it('writes TAP 13', () => {
    const tap = tapReport(results).split('\n');
    expect(tap.slice(0, 4)).toEqual(['TAP version 13', '1..3', 'ok 1 - passes', 'not ok 2 - fails <badly> & "loudly"']);
    expect(tap).toContain('  message: |2-');
    expect(tap).toContain('ok 3 - later # SKIP');
  });

  it('keeps TAP test points on one line and its YAML blocks YAML, whatever the name and the bot printed', () => {
    const failed = results[1]!;
    const odd: ScenarioResult = {
      ...failed,
      scenario: { ...failed.scenario, name: 'two\nlines # and a hash' },
      // Indented first line (a stack trace), a colored log line, a CRLF.
      botOutput: '    at main (bot.js:1)\n\u001b[31mred\u001b[0m\r\nend',
    };
    const tap = tapReport([odd]);
    expect(tap.split('\n').slice(0, 3)).toEqual(['TAP version 13', '1..1', 'not ok 1 - two lines \\# and a hash']);
    const block = /\n {2}---\n([\s\S]*?)\n {2}\.\.\.\n/.exec(tap)![1]!;
    const story = parseYaml(block) as Record<string, string>;
    expect(story.bot_output).toBe('    at main (bot.js:1)\n[31mred[0m\nend');
    expect(story.message).toBe(failed.error);
    expect(story.transcript).toBe(failed.transcript);
  });
});

describe('the test world', () => {
  it('moves every server adapter to a free port and gives the bot a WebSocket and HTTP API', () => {
    const { world, selfId, token } = prepareTestWorld({
      accounts: [
        {
          user_id: 10001,
          nickname: 'Bot',
          bot: true,
          onebot: { network: { websocketClients: [{ name: 'rev', url: 'ws://127.0.0.1:8080/onebot' }] } },
        },
        { user_id: 10002, nickname: 'Other', bot: true, onebot: { network: { httpServers: [{ name: 'h', port: 3000, token: 't' }] } } },
      ],
    });
    expect(selfId).toBe(10001);
    expect(token).toBe('');
    const network = (world.accounts![0]!.onebot as { network: Record<string, { port?: number; url?: string }[]> }).network;
    expect(network.websocketClients![0]!.url).toBe('ws://127.0.0.1:8080/onebot');
    expect(network.websocketServers![0]!.port).toBe(0);
    expect(network.httpServers![0]!.port).toBe(0);
    expect((world.accounts![1]!.onebot as { network: { httpServers: { port: number }[] } }).network.httpServers[0]!.port).toBe(0);
  });

  it("keeps the bot adapters' token, and names a missing bot account", () => {
    const base = defaultWorld();
    (base.accounts![0]!.onebot as { network: { websocketServers: { token: string }[] } }).network.websocketServers[0]!.token = 'secret';
    expect(prepareTestWorld(base).token).toBe('secret');
    expect(() => prepareTestWorld(base, 99999)).toThrow('the world has no account 99999 for the bot');
    expect(() => prepareTestWorld({ accounts: [{ user_id: 20001, nickname: 'A' }] })).toThrow(/no bot account/);
  });
});
