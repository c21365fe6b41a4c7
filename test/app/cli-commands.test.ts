import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpTools } from '../../src/app/mcp/tools/index.js';
import { startCatnap } from '../helpers/catnap.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
let remote: string[];
beforeAll(async () => {
  env = await startCatnap(smallWorld);
  remote = ['--url', env.catnap.webuiUrl, '--token', 'admin-token'];
});
afterAll(async () => env.catnap.stop());

describe('catnap world validate', () => {
  it('names every problem with its path and exits 1', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken.yaml');
    await writeFile(
      file,
      [
        'accounts:',
        '  - { user_id: 20001, nickname: Alice, colour: red }',
        '  - { user_id: 0, nickname: Nobody }',
        '  - { user_id: 10001, nickname: Bot, bot: true, onebot: { network: { httpServers: [ { name: a, port: "x" } ] } } }',
        'groups:',
        '  - { group_id: 30001, group_name: G, owner_id: 20001 }',
      ].join('\n'),
    );
    const result = await cli(['world', 'validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('accounts.0.colour: unknown key');
    expect(result.stderr).toContain('accounts.1.user_id:');
    expect(result.stderr).toContain('accounts.2.onebot: network.httpServers.0.port');
    expect(result.stderr).toMatch(/3 problems/);
  });

  it('finds reference problems once the structure is right, and passes a good file', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'refs.json');
    await writeFile(
      bad,
      JSON.stringify({
        accounts: [{ user_id: 20001, nickname: 'A' }],
        friends: [{ user_id: 20001, friend_id: 20009 }],
        groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [20777] }],
      }),
    );
    const result = await cli(['world', 'validate', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('friends.0.friend_id: 20009 is not an account');
    expect(result.stderr).toContain('groups.0.members.0: 20777 is not an account');
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(smallWorld));
    expect(await cli(['world', 'validate', good])).toMatchObject({ code: 0, stdout: `${good}: ok\n` });
  });

  it('says so when the file cannot be read or parsed', async () => {
    expect(await cli(['world', 'validate', '/no/such/world.json'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot read world file'),
    });
    const dir = await tempDir();
    await writeFile(join(dir, 'w.json'), '{ nope');
    expect((await cli(['world', 'validate', join(dir, 'w.json')])).stderr).toContain('is not valid JSON');
    expect((await cli(['world', 'validate'])).code).toBe(2);
  });
});

describe('catnap world export', () => {
  it('prints the data folder’s world with OneBot configs, as JSON or YAML, and it validates', async () => {
    const json = await cli(['world', 'export', '--data', env.dataDir]);
    expect(json.code).toBe(0);
    const file = JSON.parse(json.stdout);
    expect(file.accounts.map((account: any) => account.user_id)).toEqual([10001, 10002, 20001, 20002, 20003]);
    expect(file.groups.find((group: any) => group.group_id === 30001)).toMatchObject({ owner_id: 20001, admins: [10001] });
    const yaml = await cli(['world', 'export', '--format', 'yaml'], { CATNAP_DATA: env.dataDir });
    expect(parseYaml(yaml.stdout)).toEqual(file);
    const out = join(await tempDir(), 'exported.json');
    expect((await cli(['world', 'export', '--data', env.dataDir, '-o', out])).code).toBe(0);
    expect((await cli(['world', 'validate', out])).code).toBe(0);
  });

  it('writes each account’s Milky config too, as GET /api/world/export does', async () => {
    const saved = await env.admin('PUT', '/api/bots/10002/milky', { enable: false, http: { port: 0, accessToken: 'mt' } });
    expect(saved.status).toBe(200);
    const file = JSON.parse((await cli(['world', 'export', '--data', env.dataDir])).stdout);
    expect(file.accounts.find((account: any) => account.user_id === 10002).milky).toMatchObject({
      enable: false,
      http: { accessToken: 'mt' },
    });
    expect(file.accounts).toEqual((await env.admin('GET', '/api/world/export')).json.accounts);
  });

  it('refuses a folder without a world and a format it does not know', async () => {
    const empty = await tempDir();
    expect(await cli(['world', 'export', '--data', empty])).toMatchObject({ code: 1, stderr: expect.stringContaining('no world in') });
    expect(existsSync(join(empty, 'catnap.db'))).toBe(false);
    expect((await cli(['world', 'export', '--format', 'xml'])).code).toBe(2);
  });
});

describe('catnap act, send and status against a running Catnap', () => {
  it('act prints the envelope and exits 1 when the action fails', async () => {
    const ok = await cli(['act', '20001', 'get_group_list', ...remote]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'ok', data: [{ group_id: 30001 }, { group_id: 30002 }] });
    const refused = await cli(['act', '20003', 'set_group_kick', '{"group_id": 30001, "user_id": 20002}', ...remote]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('retcode 2103');
    expect(await cli(['act', '20001', 'get_group_list', '{nope', ...remote])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not valid JSON'),
    });
    expect(await cli(['act', 'alice', 'get_group_list', ...remote])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('user_id must be'),
    });
  });

  it('send delivers to a group or a person and prints the message id', async () => {
    const group = await cli(['send', '20002', '--group', '30001', 'hello', 'from', 'the', 'CLI', ...remote]);
    expect(group.code).toBe(0);
    const messageId = Number(group.stdout.trim());
    const message = await env.admin('POST', '/api/world/act/20001/get_msg', { message_id: messageId });
    expect(message.json.data).toMatchObject({ raw_message: 'hello from the CLI', group_id: 30001, sender: { user_id: 20002 } });
    const friend = await cli(['send', '20001', '--user', '10001', '[CQ:face,id=14]', '--cq', ...remote]);
    expect(friend.code).toBe(0);
    const faces = await env.admin('POST', '/api/world/act/10001/get_msg', { message_id: Number(friend.stdout) });
    expect(faces.json.data.message).toEqual([{ type: 'face', data: expect.objectContaining({ id: '14' }) }]);
  });

  it('send refuses without a target, with two, and says why QQ refused', async () => {
    expect((await cli(['send', '20001', 'hi', ...remote])).code).toBe(2);
    expect((await cli(['send', '20001', '--group', '30001', '--user', '10001', 'hi', ...remote])).code).toBe(2);
    const notMember = await cli(['send', '20003', '--group', '30002', 'hi', ...remote]);
    expect(notMember).toMatchObject({ code: 1, stderr: expect.stringContaining('retcode 2101') });
  });

  it('status lists accounts and adapters; remote errors are plain sentences', async () => {
    const status = await cli(['status', '--json', ...remote]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      ready: true,
      groups: 2,
      accounts: expect.arrayContaining([{ user_id: 10001, nickname: 'Bot A', bot: true }]),
    });
    expect((await cli(['status', ...remote])).stdout).toMatch(/: ready\nAccounts: 5 \(2 bots\), groups: 2/);
    expect(await cli(['status', '--url', env.catnap.webuiUrl, '--token', 'wrong'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('refused the token'),
    });
    expect(await cli(['status', '--url', 'http://127.0.0.1:1', '--token', 't'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot reach Catnap'),
    });
  });

  it('finds the running Catnap through the data folder’s catnap.json or the environment', async () => {
    const data = await tempDir();
    await mkdir(join(data, 'config'));
    const port = new URL(env.catnap.webuiUrl).port;
    await writeFile(
      join(data, 'config', 'catnap.json'),
      JSON.stringify({ webui: { host: '0.0.0.0', port: Number(port), token: 'admin-token' } }),
    );
    expect((await cli(['act', '20001', 'get_login_info', '--data', data])).code).toBe(0);
    expect((await cli(['act', '20001', 'get_login_info'], { CATNAP_URL: env.catnap.webuiUrl, CATNAP_TOKEN: 'admin-token' })).code).toBe(0);
    expect(await cli(['status', '--data', await tempDir()])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot tell where Catnap runs'),
    });
  });
});

describe('help, versions and completion', () => {
  it('every subcommand has --help, and a wrong command line exits 2', async () => {
    for (const command of [['start'], ['world', 'validate'], ['world', 'export'], ['act'], ['send'], ['status'], ['mcp'], ['completion']]) {
      const help = await cli([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: catnap ${command.join(' ')}`);
    }
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await cli(['launch'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'launch'") });
    expect(await cli(['start', '--webui-port', 'abc'])).toMatchObject({
      code: 2,
      stderr: 'catnap: --webui-port must be a port number, got abc\n',
    });
  });

  it('mcp --help names every tool the MCP server offers', async () => {
    const help = (await cli(['mcp', '--help'])).stdout;
    for (const tool of mcpTools) expect(help).toContain(tool.name);
  });

  it('prints bash and zsh completion scripts made from the commands', async () => {
    const bash = await cli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o filenames -F _catnap catnap');
    const dir = await tempDir();
    await writeFile(join(dir, 'catnap.bash'), bash.stdout);
    execFileSync('bash', ['-n', join(dir, 'catnap.bash')]);
    // Ask bash what it would complete after `catnap world ` and `catnap export --format `.
    const complete = (line: string) =>
      execFileSync('bash', [
        '-c',
        `source ${dir}/catnap.bash; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _catnap; echo "\${COMPREPLY[*]}"`,
      ])
        .toString()
        .trim();
    expect(complete('catnap world ""').split(' ')).toEqual(expect.arrayContaining(['validate', 'export', '--help']));
    expect(complete('catnap world export --format ""')).toBe('json yaml');
    expect(complete('catnap s')).toBe('start send status');
    const zsh = await cli(['completion', 'zsh']);
    expect(zsh.stdout.startsWith('#compdef catnap')).toBe(true);
    expect(zsh.stdout).toContain("'world validate'");
    expect((await cli(['completion', 'fish'])).code).toBe(2);
  });
});
