import type { MessageFormat } from '../action.js';
import type { OneBotEvent } from './types.js';

/**
 * One event on its way to one account's clients. It is built at most once per message format and
 * serialised at most once per format, however many clients receive it.
 */
export class OutboundEvent {
  readonly #build: (format: MessageFormat) => OneBotEvent;
  readonly #objects = new Map<MessageFormat, OneBotEvent>();
  readonly #json = new Map<string, string>();

  constructor(
    readonly selfId: number,
    readonly postType: string,
    build: (format: MessageFormat) => OneBotEvent,
    /** What adapters with `debug` attach as `raw` (NapCat attaches the raw QQ message). */
    readonly raw?: unknown,
  ) {
    this.#build = build;
  }

  /** Whether this is the account's own message (`message_sent`), which adapters report only with reportSelfMessage. */
  get isSelfMessage(): boolean {
    return this.postType === 'message_sent';
  }

  object(format: MessageFormat): OneBotEvent {
    let object = this.#objects.get(format);
    if (!object) {
      object = this.#build(format);
      this.#objects.set(format, object);
    }
    return object;
  }

  /** The wire form; with `debug`, events that have a raw record carry it as `raw`. */
  json(format: MessageFormat, debug = false): string {
    const withRaw = debug && this.raw !== undefined;
    const key = withRaw ? `${format}+raw` : format;
    let json = this.#json.get(key);
    if (json === undefined) {
      json = JSON.stringify(withRaw ? { ...this.object(format), raw: this.raw } : this.object(format));
      this.#json.set(key, json);
    }
    return json;
  }

  /** An event that does not depend on the format (notices, requests, meta events). */
  static fixed(selfId: number, event: OneBotEvent): OutboundEvent {
    return new OutboundEvent(selfId, event.post_type, () => event);
  }
}
