import { zodApiCategories, Event } from '@saltify/milky-types';
import type { z } from 'zod';
import { allMilkyApis } from '../../src/milky/apis/index.js';
import { MilkyDispatcher, type MilkyReply } from '../../src/milky/dispatcher.js';
import { MilkyEventHub } from '../../src/milky/events/milky-event-hub.js';
import type { MilkyEvent } from '../../src/milky/events/milky-event.js';
import { silentLogger } from '../../src/util/logger.js';
import { publicUrls } from '../../src/util/public-urls.js';
import type { WorldRandom } from '../../src/util/random.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { memoryWorld, smallWorld } from './world.js';
import { MilkyManager } from '../../src/network/milky/milky-manager.js';

/** The spec's response schema of an API (null when it answers `{}`). */
export function responseSchemaOf(api: string): z.ZodType | null {
  for (const category of Object.values(zodApiCategories)) {
    const entry = (category.apis as Record<string, { responseSchema: z.ZodType | null }>)[api];
    if (entry) return entry.responseSchema;
  }
  throw new Error(`no Milky API ${api}`);
}

/** Checks a reply against the spec: the envelope, and `data` against the API's response schema. */
export function expectSpecReply(api: string, reply: MilkyReply | undefined): void {
  if (!reply) throw new Error(`${api}: unknown API`);
  if (reply.status === 'failed') {
    if (typeof reply.message !== 'string' || reply.retcode === 0) throw new Error(`${api}: malformed failure ${JSON.stringify(reply)}`);
    return;
  }
  const schema = responseSchemaOf(api);
  const data = reply.data;
  if (!schema) {
    if (JSON.stringify(data) !== '{}') throw new Error(`${api}: must answer {} but answered ${JSON.stringify(data)}`);
    return;
  }
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(data)));
  if (!parsed.success)
    throw new Error(`${api}: reply does not match the spec: ${parsed.error.message}\n${JSON.stringify(data).slice(0, 2000)}`);
}

/** Checks an event against the spec's Event schema (after a JSON round trip, as clients get it). */
export function expectSpecEvent(event: unknown): MilkyEvent {
  const parsed = Event.safeParse(JSON.parse(JSON.stringify(event)));
  if (!parsed.success) throw new Error(`event does not match the spec: ${parsed.error.message}\n${JSON.stringify(event).slice(0, 2000)}`);
  return event as MilkyEvent;
}

/** A Milky dispatcher and event hub over an in-memory world (with `random`, if given); `call` runs an API as an account. */
export async function milkyWorld(file: WorldFile = smallWorld, random?: WorldRandom) {
  const base = await memoryWorld(file, undefined, random);
  const urls = publicUrls(() => 'http://catnap.test');
  const dispatcher = new MilkyDispatcher(allMilkyApis, {
    world: base.world,
    logger: silentLogger,
    urls,
    info: { implName: 'Catnap', implVersion: 'test' },
  });
  const hub = new MilkyEventHub(base.world, urls, silentLogger);
  hub.start();
  const call = async (selfId: number, api: string, input: unknown = {}) => {
    const reply = await dispatcher.call(selfId, api, input);
    expectSpecReply(api, reply);
    return reply!;
  };
  /** Runs an API that must succeed and returns its data. */
  const data = async (selfId: number, api: string, input: unknown = {}) => {
    const reply = await call(selfId, api, input);
    if (reply.status !== 'ok') throw new Error(`${api} failed: ${reply.retcode} ${reply.message}`);
    return reply.data as any;
  };
  /** Collects the Milky events an account receives, each checked against the spec. */
  const listen = (selfId: number) => {
    const received: MilkyEvent[] = [];
    hub.subscribe(selfId, (event) => received.push(expectSpecEvent(JSON.parse(event.json))));
    return received;
  };
  /** A manager of Milky servers and WebHooks over this world (the caller stops it). */
  const manager = () => new MilkyManager({ dispatcher, events: hub, clock: base.clock, logger: silentLogger, bodyLimit: 1024 * 1024 });
  return { ...base, urls, dispatcher, hub, call, data, listen, manager };
}
