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
  const raw: unknown = JSON.parse(JSON.stringify(data));
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${api}: reply does not match the spec: ${parsed.error.message}\n${JSON.stringify(data).slice(0, 2000)}`);
  const changed = firstRewrite(parsed.data, raw);
  if (changed) throw new Error(`${api}: the spec's schema had to repair the reply at ${changed}\n${JSON.stringify(data).slice(0, 2000)}`);
}

/**
 * Where a schema's parse changed a value instead of just checking it, or undefined. The spec's
 * schemas forgive some bad output: a malformed incoming segment is caught and becomes
 * `[unknown]` text, and a bad group notification is dropped from its list. A reply or event that
 * only parses that way still breaks a client, so a check that merely parses would miss it. Keys
 * the schema does not know (stripped by the parse) are not compared.
 */
export function firstRewrite(parsed: unknown, raw: unknown, path = '(root)'): string | undefined {
  if (Array.isArray(parsed)) {
    if (!Array.isArray(raw)) return path;
    if (parsed.length !== raw.length) return `${path} (${raw.length - parsed.length} element(s) dropped)`;
    for (let i = 0; i < parsed.length; i++) {
      const at = firstRewrite(parsed[i], raw[i], `${path}.${i}`);
      if (at) return at;
    }
    return undefined;
  }
  if (parsed !== null && typeof parsed === 'object') {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return path;
    for (const [key, value] of Object.entries(parsed)) {
      const at = firstRewrite(value, (raw as Record<string, unknown>)[key], `${path}.${key}`);
      if (at) return at;
    }
    return undefined;
  }
  return Object.is(parsed, raw) ? undefined : `${path} (${JSON.stringify(raw)} became ${JSON.stringify(parsed)})`;
}

/** Checks an event against the spec's Event schema (after a JSON round trip, as clients get it). */
export function expectSpecEvent(event: unknown): MilkyEvent {
  const raw: unknown = JSON.parse(JSON.stringify(event));
  const parsed = Event.safeParse(raw);
  if (!parsed.success) throw new Error(`event does not match the spec: ${parsed.error.message}\n${JSON.stringify(event).slice(0, 2000)}`);
  const changed = firstRewrite(parsed.data, raw);
  if (changed) throw new Error(`event: the spec's schema had to repair it at ${changed}\n${JSON.stringify(event).slice(0, 2000)}`);
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
  // The hub shields the world from a failing subscriber, so an event that fails the spec would
  // only go missing; listeners record the failure instead, and `hub.flush()` throws it.
  const eventProblems: string[] = [];
  const flush = hub.flush.bind(hub);
  hub.flush = async () => {
    await flush();
    if (eventProblems.length > 0) throw new Error(eventProblems.splice(0).join('\n'));
  };
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
    hub.subscribe(selfId, (event) => {
      try {
        received.push(expectSpecEvent(JSON.parse(event.json)));
      } catch (error) {
        eventProblems.push(`to ${selfId}: ${(error as Error).message}`);
      }
    });
    return received;
  };
  /** A manager of Milky servers and WebHooks over this world (the caller stops it). */
  const manager = () => new MilkyManager({ dispatcher, events: hub, clock: base.clock, logger: silentLogger, bodyLimit: 1024 * 1024 });
  return { ...base, urls, dispatcher, hub, call, data, listen, manager };
}

/** The `data` of each received Milky event of one type, in order. */
export const eventData = (events: readonly { event_type: string; data: unknown }[], type: string) =>
  events.filter((event) => event.event_type === type).map((event) => event.data);
