import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Catnap } from '../../src/app/catnap.js';
import { banner } from '../../src/app/cli/start-command.js';
import { createLogger } from '../../src/util/logger.js';
import { redactSecrets } from '../../src/util/redact.js';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { botAccount } from '../helpers/world.js';

describe('secrets in logs and on the terminal (finding 8)', () => {
  it('redacts token query values and URL passwords', () => {
    expect(redactSecrets('http://h/x?access_token=abc&b=1')).toBe('http://h/x?access_token=***&b=1');
    expect(redactSecrets('ws://h/?a=1&token=abc#f')).toBe('ws://h/?a=1&token=***#f');
    expect(redactSecrets('GET /api/live?Token=abc failed')).toBe('GET /api/live?Token=*** failed');
    expect(redactSecrets('https://user:pa55@host/path')).toBe('https://user:***@host/path');
    expect(redactSecrets('no secrets here: ?q=token')).toBe('no secrets here: ?q=token');
  });

  it('never logs a token from a URL, and prints adapter tokens only as where they are kept', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const dataDir = await tempDir();
    const worldFile = join(dataDir, 'world.json');
    await writeFile(
      worldFile,
      JSON.stringify({
        accounts: [
          botAccount({
            httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 'SECRET-API' }],
            httpClients: [{ name: 'post', enable: true, url: 'http://127.0.0.1:1/hook?access_token=SECRET-POST', timeout: 500 }],
            websocketClients: [
              { name: 'rev', enable: true, url: 'ws://user:SECRET-PASS@127.0.0.1:1/?access_token=SECRET-WS', reconnectInterval: 100 },
            ],
          }),
          { user_id: 20001, nickname: 'Alice' },
        ],
        friends: [{ user_id: 10001, friend_id: 20001 }],
      }),
    );
    const catnap = await Catnap.start({ dataDir, worldFile, webuiPort: 0, webuiToken: 'SECRET-WEBUI', logger, watchConfig: false });
    try {
      const api = catnap.network.status(10001).find((status) => status.name === 'api')!.endpoint;
      await fetch(`${api}/get_login_info?access_token=SECRET-WRONG`);
      await catnap.dispatcher.dispatch(20001, 'send_private_msg', { user_id: 10001, message: 'hi' }, { transport: 'test' });
      await vi.waitFor(() => expect(lines.join('')).toMatch(/event POST failed/), { timeout: 10_000 });
      await vi.waitFor(() => expect(lines.join('')).toMatch(/reverse WebSocket/), { timeout: 10_000 });
      const printed = (await banner(catnap)).join('\n');
      expect(printed).not.toMatch(/SECRET/);
      expect(printed).toContain(`(token in ${join(dataDir, 'config', 'onebot11_10001.json')})`);
      expect(printed).toContain(`token: webui.token in ${join(dataDir, 'config', 'catnap.json')}`);
    } finally {
      await catnap.stop();
    }
    const log = lines.join('');
    expect(log).not.toMatch(/SECRET/);
    expect(log).toMatch(/access_token=\*\*\*/);
  });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('file permissions (finding 8)', () => {
  it.runIf(process.platform !== 'win32')(
    'keeps data and config files 0600 in 0700 folders, also those an older version left open',
    async () => {
      const dataDir = await tempDir();
      await chmod(dataDir, 0o755);
      await mkdir(join(dataDir, 'config'), { mode: 0o755 });
      await writeFile(join(dataDir, 'config', 'catnap.json'), '{}', { mode: 0o644 });
      const env = await startCatnap(
        {
          accounts: [
            botAccount({ httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 't' }] }),
            { user_id: 20001, nickname: 'Alice' },
          ],
          friends: [{ user_id: 10001, friend_id: 20001 }],
        },
        { dataDir },
      );
      try {
        const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
        const sent = await env.catnap.dispatcher.dispatch(
          20001,
          'send_private_msg',
          { user_id: 10001, message: [{ type: 'image', data: { file: `base64://${png}` } }] },
          { transport: 'test' },
        );
        expect(sent.status).toBe('ok');
        await env.catnap.dispatcher.dispatch(10001, 'download_file', { base64: png, name: 'dot.png' }, { transport: 'test' });
        for (const dir of [dataDir, join(dataDir, 'config'), join(dataDir, 'media')]) expect(await modeOf(dir), dir).toBe(0o700);
        const files = [join(dataDir, 'catnap.db'), join(dataDir, 'config', 'catnap.json'), join(dataDir, 'config', 'onebot11_10001.json')];
        for (const name of await readdir(dataDir)) if (name.startsWith('catnap.db-')) files.push(join(dataDir, name));
        const media = join(dataDir, 'media');
        for (const entry of await readdir(media, { recursive: true })) {
          const path = join(media, entry);
          if ((await stat(path)).isDirectory()) expect(await modeOf(path), path).toBe(0o700);
          else files.push(path);
        }
        expect(files.length).toBeGreaterThan(4);
        for (const file of files) expect(await modeOf(file), file).toBe(0o600);
      } finally {
        await env.catnap.stop();
      }
    },
  );
});

describe('the web UI token and the console page (finding 8)', () => {
  it('saves a token given with --webui-token to catnap.json, so the next start keeps it', async () => {
    const env = await startCatnap({ accounts: [{ user_id: 20001, nickname: 'Alice' }] });
    await env.catnap.stop();
    const saved = JSON.parse(await readFile(join(env.dataDir, 'config', 'catnap.json'), 'utf8'));
    expect(saved.webui.token).toBe('admin-token');
    expect(await modeOf(join(env.dataDir, 'config', 'catnap.json'))).toBe(0o600);
    const again = await Catnap.start({ dataDir: env.dataDir, webuiPort: 0, logger: createLogger('silent'), watchConfig: false });
    try {
      const accounts = await fetch(`${again.webuiUrl}/api/world/accounts`, { headers: { authorization: 'Bearer admin-token' } });
      expect(accounts.status).toBe(200);
      expect(again.webuiTokenGenerated).toBe(false);
    } finally {
      await again.stop();
    }
  });

  it('serves the console with a Content-Security-Policy that allows no foreign or inline script', async () => {
    const env = await startCatnap({ accounts: [{ user_id: 20001, nickname: 'Alice' }] });
    try {
      for (const path of ['/', '/chat/g/30001']) {
        const page = await fetch(`${env.catnap.webuiUrl}${path}`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        const csp = page.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      }
    } finally {
      await env.catnap.stop();
    }
  });
});
