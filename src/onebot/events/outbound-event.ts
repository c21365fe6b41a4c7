import type { MessageFormat } from '../action.js';
import type { OneBotEvent } from './types.js';

/**
 * One event on its way to one account's clients. It is built at most once per message format and
 * serialised at most once per format, however many clients receive it.
 */
export class OutboundEvent {
  readonly #build: (format: MessageFormat) => OneBotEvent;
  readonly #objects = new Map<MessageFormat, OneBotEvent>();
  readonly #json = new Map<MessageFormat, string>();

  constructor(
    readonly selfId: number,
    readonly postType: string,
    build: (format: MessageFormat) => OneBotEvent,
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

  json(format: MessageFormat): string {
    let json = this.#json.get(format);
    if (json === undefined) {
      json = JSON.stringify(this.object(format));
      this.#json.set(format, json);
    }
    return json;
  }

  /** An event that does not depend on the format (notices, requests, meta events). */
  static fixed(selfId: number, event: OneBotEvent): OutboundEvent {
    return new OutboundEvent(selfId, event.post_type, () => event);
  }
}
