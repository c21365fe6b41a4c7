import type { OneBotConfigFiles } from '../network/config-files.js';
import type { NetworkManager } from '../network/network-manager.js';
import type { Logger } from '../util/logger.js';
import type { World } from '../world/world.js';
import { StartupError } from './startup-error.js';

/**
 * Starts every account's OneBot adapters from its config file at start-up. A config for an
 * account the world does not have is skipped with a warning; a config that does not parse or an
 * adapter that cannot start (a port in use) is a problem, and any problem stops the start with
 * one `StartupError` listing them all.
 */
export async function startOneBotNetworks(
  world: World,
  network: NetworkManager,
  configFiles: OneBotConfigFiles,
  logger: Logger,
): Promise<void> {
  const problems: string[] = [];
  for (const selfId of await configFiles.list()) {
    if (!world.accounts.find(selfId)) {
      logger.warn(`config/onebot11_${selfId}.json ignored: there is no account ${selfId}`);
      continue;
    }
    let config;
    try {
      config = await configFiles.read(selfId);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    if (!config) continue;
    const result = await network.apply(selfId, config);
    problems.push(...result.errors.map((error) => `account ${selfId}, ${error.adapter}: ${error.message}`));
    for (const skipped of result.skipped) logger.warn({ selfId, adapter: skipped.adapter }, skipped.message);
  }
  if (problems.length > 0) throw new StartupError(`could not start the OneBot networks:\n  ${problems.join('\n  ')}`);
}
