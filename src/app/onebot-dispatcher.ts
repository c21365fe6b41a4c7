import type { ActionServices } from '../onebot/action.js';
import { ActionTable } from '../onebot/action-table.js';
import { allActions } from '../onebot/actions/index.js';
import { Dispatcher } from '../onebot/dispatcher.js';
import type { EventHub } from '../onebot/events/event-hub.js';
import { EventPoll } from '../onebot/events/event-poll.js';
import { FaultGate } from '../onebot/faults/fault-gate.js';
import type { Logger } from '../util/logger.js';
import type { World } from '../world/world.js';
import type { Settings } from './settings.js';

/**
 * The OneBot dispatcher every transport calls, wired with what it needs beyond the actions: the
 * fault gate (fault rules and account health, docs/faults.md), the event poll (get_event-style
 * actions read the event hub) and the call limits of catnap.json.
 */
export function createOneBotDispatcher(
  world: World,
  events: EventHub,
  services: ActionServices,
  settings: Readonly<Settings>,
  logger: Logger,
): { dispatcher: Dispatcher; actions: ActionTable } {
  const actions = new ActionTable(allActions);
  const dispatcher = new Dispatcher(
    actions,
    { ...services, eventPoll: new EventPoll(events) },
    {
      rateLimitIntervalMs: settings.api.rateLimitIntervalMs,
      queueLimit: settings.api.queueLimit,
      maxJsonDepth: settings.api.maxJsonDepth,
      faults: new FaultGate(world, {
        random: faultDraws(world),
        sendTimeoutMs: settings.faults.sendTimeoutMs,
        onListenerError: (error) => logger.warn({ err: error }, 'fault fired listener failed'),
      }),
    },
  );
  return { dispatcher, actions };
}

/** Probability rules' draws: uniform in [0, 1) from the world's one seeded source (--seed). */
function faultDraws(world: World): () => number {
  return () => world.random.int(0, 0xffff_ffff) / 0x1_0000_0000;
}
