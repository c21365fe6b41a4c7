import type { Dialect, MessageFormat } from '../action.js';
import type { OneBotEvent } from './types.js';

/** How an adapter wants its events written: message format, dialect, and the raw record with `debug`. */
export interface EventView {
  readonly format: MessageFormat;
  readonly dialect: Dialect;
  readonly debug?: boolean;
}

/**
 * Values by view key, for the one or two views an event is nearly always wanted in: the first
 * is kept in fields, and a Map is made only for a second. Two Maps for every event were a
 * twentieth of the garbage of a send.
 */
class Memo<V> {
  #firstKey: string | undefined;
  #first: V | undefined;
  #more: Map<string, V> | undefined;

  get(key: string): V | undefined {
    return key === this.#firstKey ? this.#first : this.#more?.get(key);
  }

  set(key: string, value: V): void {
    if (this.#firstKey === undefined) {
      this.#firstKey = key;
      this.#first = value;
    } else (this.#more ??= new Map()).set(key, value);
  }
}

/**
 * One event on its way to one account's clients. It is built at most once per message format and
 * dialect, and serialised at most once per view, however many clients receive it.
 */
export class OutboundEvent {
  readonly #build: (format: MessageFormat, dialect: Dialect) => OneBotEvent;
  readonly #objects = new Memo<OneBotEvent>();
  readonly #json = new Memo<string>();

  constructor(
    readonly selfId: number,
    readonly postType: string,
    build: (format: MessageFormat, dialect: Dialect) => OneBotEvent,
    /** What adapters with `debug` attach as `raw` (NapCat attaches the raw QQ message). */
    readonly raw?: unknown,
    /** Which dialects report it (the builder's `reportedIn`); every one when absent. */
    private readonly reported?: (dialect: Dialect) => boolean,
  ) {
    this.#build = build;
  }

  /** Whether adapters of this dialect get the event at all (NapCat reports no essence removal). */
  reportedIn(dialect: Dialect): boolean {
    return this.reported?.(dialect) ?? true;
  }

  /** Whether this is the account's own message (`message_sent`), which adapters report only with reportSelfMessage. */
  get isSelfMessage(): boolean {
    return this.postType === 'message_sent';
  }

  object(format: MessageFormat, dialect: Dialect = 'napcat'): OneBotEvent {
    const key = `${format}/${dialect}`;
    let object = this.#objects.get(key);
    if (!object) {
      object = this.#build(format, dialect);
      this.#objects.set(key, object);
    }
    return object;
  }

  /** The wire form; with `debug`, events that have a raw record carry it as `raw`. */
  json(view: EventView): string {
    const withRaw = view.debug === true && this.raw !== undefined;
    const key = `${view.format}/${view.dialect}${withRaw ? '+raw' : ''}`;
    let json = this.#json.get(key);
    if (json === undefined) {
      const object = this.object(view.format, view.dialect);
      json = JSON.stringify(withRaw ? { ...object, raw: this.raw } : object);
      this.#json.set(key, json);
    }
    return json;
  }

  /** An event that depends on neither the format nor the dialect (meta events). */
  static fixed(selfId: number, event: OneBotEvent): OutboundEvent {
    return new OutboundEvent(selfId, event.post_type, () => event);
  }
}
