import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Catnap } from '../../src/app/catnap.js';
import { banner } from '../../src/app/cli.js';
import { createLogger } from '../../src/util/logger.js';
import { redactSecrets } from '../../src/util/redact.js';
import { tempDir } from '../helpers/spawn.js';

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
          {
            user_id: 10001,
            nickname: 'Bot',
            bot: true,
            onebot: {
              network: {
                httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 'SECRET-API' }],
                httpClients: [{ name: 'post', enable: true, url: 'http://127.0.0.1:1/hook?access_token=SECRET-POST', timeout: 500 }],
                websocketClients: [
                  { name: 'rev', enable: true, url: 'ws://user:SECRET-PASS@127.0.0.1:1/?access_token=SECRET-WS', reconnectInterval: 100 },
                ],
              },
            },
          },
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
