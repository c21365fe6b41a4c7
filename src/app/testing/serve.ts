import type { CliIo } from '../cli/cli-context.js';
import { launchTestCatnap, type LaunchOptions } from './test-catnap.js';
import { botEnv } from './test-world-file.js';

/**
 * `catnap test --serve`: a Catnap for another language's test client (the Python plugin). It
 * prints one JSON line with the admin URL and token and where the bot connects, then runs until
 * its standard input closes (the parent died or is done) or a signal arrives.
 */
export async function serveForTests(options: LaunchOptions, io: CliIo): Promise<number> {
  const launched = await launchTestCatnap(options);
  const { bot } = launched;
  io.stdout(
    `${JSON.stringify({
      url: launched.connection.url,
      token: launched.connection.token,
      bot: { self_id: bot.selfId, ws_url: bot.wsUrl ?? '', http_url: bot.httpUrl ?? '', token: bot.token },
      env: botEnv(bot),
    })}\n`,
  );
  await new Promise<void>((resolve) => {
    io.stdin.on('end', resolve);
    io.stdin.on('close', resolve);
    io.stdin.resume();
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await launched.stop();
  return 0;
}
