import { join } from 'node:path';
import type { AdapterFailure, AdminHooks } from '../admin/admin-route.js';
import { AdaptersFailedError } from '../network/adapters-failed.js';
import { parseOneBotConfig } from '../network/onebot-config.js';
import type { Catnap } from './catnap.js';
import { loadReportStore } from './load/report-store.js';
import { portClashes } from './port-clashes.js';

/**
 * What the admin API needs from above it (it may not use network/): writing and reading
 * accounts' OneBot and Milky configs, adapter states and disconnects, readiness, metrics, the
 * load reports. Lent by the running Catnap.
 */
export function adminHooks(catnap: Catnap): AdminHooks {
  const { configFiles, network, milky } = catnap;
  return {
    writeOnebotConfig: (userId, config) => adapterFailures(catnap.writeOnebotConfig(userId, config)),
    readOnebotConfig: (userId) => configFiles.read(userId),
    adapterStatus: (userId) => [...network.status(userId), ...milky.manager.status(userId)],
    validateOnebotConfig: (config, source) => parseOneBotConfig(config, source ?? 'onebot config'),
    // Accounts with any network config: the bot dashboard lists Milky-only bots too.
    onebotAccounts: async () => [...new Set([...(await configFiles.list()), ...(await milky.files.list())])],
    writeMilkyConfig: (userId, config) => adapterFailures(milky.write(userId, config)),
    readMilkyConfig: (userId) => milky.files.read(userId),
    validateMilkyConfig: (config, source) => milky.validate(config, source),
    portClashes: (configs) => portClashes(catnap, configs),
    subscribeMilkyCalls: (listener) => milky.dispatcher.onCall(listener),
    subscribeOneBotEvents: (sink) => catnap.events.subscribeAll(sink),
    readiness: () => catnap.unready(),
    loadReports: loadReportStore(join(catnap.dataDir, 'load')),
    disconnectAdapter: async (userId, name, options) => (await network.disconnect(userId, name, options)) ?? 0,
    metrics: async () => ({ contentType: catnap.metrics.contentType, text: await catnap.metrics.text() }),
  };
}

/** A config write as the admin API takes it: adapters that failed to start are an answer, not a throw. */
async function adapterFailures(write: Promise<void>): Promise<readonly AdapterFailure[]> {
  try {
    await write;
    return [];
  } catch (error) {
    if (error instanceof AdaptersFailedError) return error.failures;
    throw error;
  }
}
