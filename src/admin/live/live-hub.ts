import type { Dispatcher, CallRecord } from '../../onebot/dispatcher.js';
import type { OutboundEvent } from '../../onebot/events/outbound-event.js';
import type { MilkyCallRecord } from '../../milky/dispatcher.js';
import type { Logger } from '../../util/logger.js';
import type { World } from '../../world/world.js';
import type { Transcript } from '../../onebot/transcript/transcript.js';
import type { AdapterStatus } from '../../contract/admin/bots.js';
import type { CallFrame, FaultFrame, LiveFrame, LiveStream } from '../../contract/live.js';
import type { FaultFired } from '../../world/faults/fault-model.js';
import type { AdminHooks } from '../admin-route.js';
import { clip, clipString } from './clip.js';

/** The dialect the live socket's OneBot event frames are written in (and filtered by). */
const liveEventDialect = 'napcat';

export type LiveListener = (frame: LiveFrame, json: string) => void;

/** What one console asked for: the streams, and optionally one account's frames only (`?self_id=`). */
export interface LiveInterest {
  readonly streams: ReadonlySet<LiveStream>;
  /** Frames about another account (calls, OneBot events, adapters, fired faults) are not sent. */
  readonly selfId?: number;
}

type StreamFrame = Extract<LiveFrame, { type: LiveStream }>;

/**
 * What the console's live socket carries (the frames are defined in `src/contract/live.ts`).
 * Gathers the world's (fired faults of either protocol too), the event hub's, the dispatchers' calls, the transcript's and the network's activity into frames,
 * serialised once and handed to every connected console. Each source is subscribed only while at
 * least one console listens to its stream, so an idle Catnap pays nothing for the console, and a
 * listener of calls alone (`catnap load`'s reply watcher) does not make the event hub build every
 * member's OneBot event of every message for nobody.
 */
export class LiveHub {
  readonly #listeners = new Map<LiveListener, LiveInterest>();
  /** The sources running now, by the stream they feed. */
  readonly #sources = new Map<LiveStream, () => void>();
  /** Last adapter status per account, to send only changes. */
  readonly #adapterSnapshots = new Map<number, string>();

  constructor(
    private readonly world: World,
    private readonly dispatcher: Dispatcher,
    private readonly transcript: Transcript,
    private readonly hooks: AdminHooks,
    private readonly logger: Logger,
    private readonly adapterPollMs = 500,
  ) {}

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Adds a console; it first receives the current adapter state of every configured account. */
  add(listener: LiveListener, interest: LiveInterest): () => void {
    this.#listeners.set(listener, interest);
    this.#syncSources();
    if (interest.streams.has('adapters')) void this.#sendAdapterSnapshots(listener, interest.selfId);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
      else this.#syncSources();
    };
  }

  stop(): void {
    for (const stop of this.#sources.values()) stop();
    this.#sources.clear();
    this.#adapterSnapshots.clear();
  }

  /** Starts the source of every stream some listener wants, and stops the others. */
  #syncSources(): void {
    const wanted = new Set<LiveStream>();
    for (const { streams } of this.#listeners.values()) for (const stream of streams) wanted.add(stream);
    for (const [stream, stop] of this.#sources) {
      if (wanted.has(stream)) continue;
      stop();
      this.#sources.delete(stream);
      if (stream === 'adapters') this.#adapterSnapshots.clear();
    }
    for (const stream of wanted) {
      if (!this.#sources.has(stream)) this.#sources.set(stream, this.#startSource(stream));
    }
  }

  /** Adapter states can change without any event (a client connects); poll and send the differences. */
  async pollAdapters(): Promise<void> {
    for (const [selfId, adapters] of await this.#adapterStates()) {
      const json = JSON.stringify(adapters);
      if (this.#adapterSnapshots.get(selfId) === json) continue;
      this.#adapterSnapshots.set(selfId, json);
      this.#broadcast('adapters', selfId, () => ({ type: 'adapters', self_id: selfId, adapters }));
    }
  }

  #startSource(stream: LiveStream): () => void {
    const stops: (() => void)[] = [];
    switch (stream) {
      case 'domain':
        stops.push(this.world.events.on((event) => this.#broadcast('domain', undefined, () => ({ type: 'domain', event }))));
        break;
      case 'call':
        stops.push(
          this.dispatcher.onCall((record) => this.#broadcast('call', record.selfId, () => ({ type: 'call', call: callFrame(record) }))),
        );
        if (this.hooks.subscribeMilkyCalls) {
          stops.push(
            this.hooks.subscribeMilkyCalls((record) =>
              this.#broadcast('call', record.selfId, () => ({ type: 'call', call: milkyCallFrame(record) })),
            ),
          );
        }
        break;
      case 'transcript':
        stops.push(this.transcript.onEntry((entry) => this.#broadcast('transcript', undefined, () => ({ type: 'transcript', entry }))));
        break;
      case 'fault':
        // The world's rules fire on OneBot and Milky calls alike; the world tells of both.
        stops.push(
          this.world.faults.onFired((fired) => this.#broadcast('fault', fired.selfId, () => ({ type: 'fault', fault: faultFrame(fired) }))),
        );
        break;
      case 'onebot':
        if (this.hooks.subscribeOneBotEvents) {
          stops.push(
            this.hooks.subscribeOneBotEvents((event: OutboundEvent) => {
              // The frame is the event in NapCat's form, so it goes only where a NapCat adapter's
              // would: the hub builds events NapCat never reports (an essence removal) for the
              // dialects that do, and the console showed them as received.
              if (!event.reportedIn(liveEventDialect)) return;
              this.#broadcast('onebot', event.selfId, () => ({
                type: 'onebot',
                self_id: event.selfId,
                event: event.object('array', liveEventDialect),
                time: this.world.clock.nowMs(),
              }));
            }),
          );
        }
        break;
      case 'adapters':
        if (this.hooks.adapterStatus) {
          let polling = false;
          const timer = setInterval(() => {
            if (polling) return;
            polling = true;
            this.pollAdapters()
              .catch((error: unknown) => this.logger.warn({ err: error }, 'adapter status poll failed'))
              .finally(() => (polling = false));
          }, this.adapterPollMs);
          timer.unref();
          stops.push(() => clearInterval(timer));
        }
        break;
    }
    return () => stops.forEach((stop) => stop());
  }

  async #adapterStates(): Promise<Map<number, AdapterStatus[]>> {
    const states = new Map<number, AdapterStatus[]>();
    if (!this.hooks.adapterStatus) return states;
    const accounts = new Set([...((await this.hooks.onebotAccounts?.()) ?? []), ...this.#adapterSnapshots.keys()]);
    for (const selfId of accounts) states.set(selfId, this.hooks.adapterStatus(selfId));
    return states;
  }

  async #sendAdapterSnapshots(listener: LiveListener, only: number | undefined): Promise<void> {
    try {
      for (const [selfId, adapters] of await this.#adapterStates()) {
        if (only !== undefined && selfId !== only) continue;
        const frame: LiveFrame = { type: 'adapters', self_id: selfId, adapters };
        if (this.#listeners.has(listener)) listener(frame, JSON.stringify(frame));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'adapter snapshot failed');
    }
  }

  /**
   * Sends a frame of one of the streams to every console that asked for that stream (and for its
   * account, when the frame is about one). The frame is built and serialised once, and only when
   * someone takes it: `catnap load` watches one bot's calls while thousands of people's sends go by.
   */
  #broadcast(stream: LiveStream, selfId: number | undefined, make: () => StreamFrame): void {
    let frame: StreamFrame | undefined;
    let json: string | undefined;
    for (const [listener, { streams, selfId: only }] of this.#listeners) {
      if (!streams.has(stream) || (only !== undefined && selfId !== undefined && selfId !== only)) continue;
      try {
        frame ??= make();
        json ??= JSON.stringify(frame);
        listener(frame, json);
      } catch (error) {
        this.logger.warn({ err: error, frame: stream }, 'live listener failed');
      }
    }
  }
}

/** A fired fault as the live log shows it (the contract's snake_case). */
function faultFrame(fired: FaultFired): FaultFrame {
  return {
    rule_id: fired.ruleId,
    self_id: fired.selfId,
    ...(fired.action !== undefined && { action: fired.action }),
    ...(fired.event !== undefined && { event: fired.event }),
    transport: fired.transport,
    effect: fired.effect,
    ...(fired.retcode !== undefined && { retcode: fired.retcode }),
    time: fired.time,
  };
}

/** A call as the live log shows it: long strings (base64 images) and long lists are clipped. */
function callFrame(record: CallRecord): CallFrame {
  return {
    self_id: record.selfId,
    action: record.action,
    params: clip(record.params),
    envelope: {
      ...record.envelope,
      data: clip(record.envelope.data),
      message: clipString(record.envelope.message),
      wording: clipString(record.envelope.wording),
      echo: clip(record.envelope.echo),
    },
    transport: record.meta.transport,
    adapter: record.meta.adapter ?? '',
    duration_ms: Math.round(record.durationMs * 100) / 100,
    time: record.time,
    ...(record.fault && { fault: { rule_id: record.fault.ruleId, effect: record.fault.effect, reason: record.fault.reason } }),
  };
}

/** A Milky call in the same live log, its reply shown as an envelope (transport `milky`). */
function milkyCallFrame(record: MilkyCallRecord): CallFrame {
  const { reply } = record;
  const message = reply.status === 'failed' ? clipString(reply.message) : '';
  return {
    self_id: record.selfId,
    action: record.api,
    params: clip(record.input),
    envelope: {
      status: reply.status,
      retcode: reply.retcode,
      data: reply.status === 'ok' ? clip(reply.data) : null,
      message,
      wording: message,
      echo: null,
    },
    transport: 'milky',
    adapter: 'milky-http',
    duration_ms: Math.round(record.durationMs * 100) / 100,
    time: record.time,
    ...(record.fault && { fault: { rule_id: record.fault.ruleId, effect: record.fault.effect, reason: record.fault.reason } }),
  };
}
