import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import type { ActionServices } from '../../src/onebot/action.js';
import { Dispatcher, type DispatchMeta } from '../../src/onebot/dispatcher.js';
import { EventHub } from '../../src/onebot/events/event-hub.js';
import { allBuilders } from '../../src/onebot/events/builders/index.js';
import { defaultRobotUinRanges } from '../../src/onebot/runtime-info.js';
import { silentLogger } from '../../src/util/logger.js';
import { publicUrls } from '../../src/onebot/public-urls.js';
import type { WorldFile } from '../../src/world/world-file.js';
import type { WorldStore } from '../../src/world/store/store.js';
import type { WorldRandom } from '../../src/util/random.js';
import { resultProblems } from './contract.js';
import { memoryWorld, smallWorld } from './world.js';
import { OcrService } from '../../src/world/media/ocr.js';
import { sharedOcrEngine, sharedTranslator } from './seed-services.js';

/** A dispatcher over an in-memory world (or `store`); `call` runs an action as an account and returns the envelope. */
export async function onebotWorld(file: WorldFile = smallWorld, store?: WorldStore, random?: WorldRandom) {
  const base = await memoryWorld(file, store, random);
  const services: ActionServices = {
    world: base.world,
    logger: silentLogger,
    urls: publicUrls(() => 'http://catnap.test'),
    ocr: new OcrService(base.world.media, sharedOcrEngine),
    translator: sharedTranslator,
    info: { appName: 'Catnap', appVersion: 'test', startedAt: 0, robotUinRanges: defaultRobotUinRanges },
  };
  const dispatcher = new Dispatcher(new ActionTable(allActions), services, { rateLimitIntervalMs: 20 });
  const hub = new EventHub(base.world, { urls: services.urls }, silentLogger, allBuilders);
  hub.start();
  /** Runs an action; a successful reply must be what the action's result schema says, or this throws. */
  const call = async (selfId: number, action: string, params: unknown = {}, meta: Partial<DispatchMeta> = {}) => {
    const envelope = await dispatcher.dispatch(selfId, action, params, { transport: 'test', ...meta });
    if (envelope.status === 'ok') {
      const problems = resultProblems(dispatcher, action, envelope.data, meta.dialect);
      if (problems.length > 0) throw new Error(`${action} answered outside its result schema: ${problems.join('; ')}`);
    }
    return envelope;
  };
  /** Runs an action that must succeed and returns its data. */
  const data = async (selfId: number, action: string, params: unknown = {}, meta: Partial<DispatchMeta> = {}) => {
    const envelope = await call(selfId, action, params, meta);
    if (envelope.status !== 'ok') throw new Error(`${action} failed: ${envelope.retcode} ${envelope.message}`);
    return envelope.data as any;
  };
  return { ...base, domainEvents: base.events, events: hub, services, dispatcher, call, data };
}
