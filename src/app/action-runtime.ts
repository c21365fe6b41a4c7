import { AdaptersFailedError } from '../network/adapters-failed.js';
import { parseOneBotConfig } from '../network/onebot-config.js';
import { ActionError } from '../onebot/error-catalogue.js';
import type { RuntimeHooks } from '../onebot/runtime-hooks.js';
import { WorldError } from '../world/errors.js';
import type { Catnap } from './catnap.js';

/**
 * What actions may ask of the running Catnap (set_restart, bot_exit, get_online_clients, the
 * NapCat config actions): its adapters and config files. `catnap` is read at call time, since
 * the actions exist before the Catnap that serves them is built.
 */
export function actionRuntime(catnap: () => Catnap | undefined): RuntimeHooks {
  return {
    restartAdapters: (selfId, delayMs) => catnap()?.restartAdapters(selfId, delayMs),
    stopAdapters: (selfId, delayMs) => catnap()?.restartAdapters(selfId, delayMs, { stopOnly: true }),
    adapters: (selfId) => catnap()?.network.status(selfId) ?? [],
    readConfig: async (selfId) => (await catnap()?.configFiles.read(selfId)) ?? parseOneBotConfig({}, 'onebot config'),
    writeConfig: async (selfId, config) => {
      const running = catnap();
      if (!running) throw new Error('Catnap is still starting');
      try {
        parseOneBotConfig(config, 'config');
      } catch (error) {
        throw new ActionError('BAD_PARAMS', (error as Error).message);
      }
      try {
        await running.writeOnebotConfig(selfId, config);
      } catch (error) {
        if (!(error instanceof AdaptersFailedError)) throw error;
        throw new WorldError('CONFLICT', `the config was saved, but: ${error.message}`);
      }
    },
  };
}
