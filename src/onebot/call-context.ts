import type { World } from '../world/world.js';
import type { ActionContext, ActionServices, CallMeta, Dialect, MessageFormat } from './action.js';
import { defaultDialect } from './dialect.js';
import { ok } from './envelope.js';

/** What a call's context asks of the dispatcher that made it. */
export interface ContextHost {
  readonly services: ActionServices;
  run(selfId: number, action: string, params: unknown, meta: CallMeta & { readonly echo?: unknown }): Promise<unknown>;
  names(): string[];
}

/**
 * The context one call's handler runs with. A class, so every call's context has one shape and
 * its methods live on the prototype: the object literal it replaces (a conditional spread, then
 * eight properties and two fresh closures) was rebuilt property by property on every call of
 * the send path.
 */
export class CallContext implements ActionContext {
  readonly messageFormat: MessageFormat;
  readonly dialect: Dialect;
  readonly services: ActionServices;
  readonly world: World;
  readonly stream: ((packet: Readonly<Record<string, unknown>>) => Promise<void>) | undefined;

  constructor(
    private readonly host: ContextHost,
    readonly selfId: number,
    readonly meta: CallMeta & { readonly echo?: unknown },
    /** The echo this call's answers carry (the dispatcher's stand-in when the caller sent none). */
    echo: unknown,
    streaming: boolean,
  ) {
    this.messageFormat = meta.messageFormat ?? 'array';
    this.dialect = meta.dialect ?? defaultDialect;
    this.services = host.services;
    this.world = host.services.world;
    const sink = streaming ? meta.stream : undefined;
    // Each packet goes out in its own envelope, marked as part of a stream.
    this.stream = sink && ((packet) => sink({ ...ok(packet, echo), stream: 'stream-action' }));
  }

  call(action: string, params: Record<string, unknown>): Promise<unknown> {
    return this.host.run(this.selfId, action, params, this.meta);
  }

  actionNames(): readonly string[] {
    return this.host.names();
  }
}
