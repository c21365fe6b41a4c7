import type { MessageFormat } from '../onebot/action.js';
import type { EventHub } from '../onebot/events/event-hub.js';
import type { OutboundEvent } from '../onebot/events/outbound-event.js';

/** How one adapter wants its events (NapCat's per-adapter settings). */
export interface EventFeedOptions {
  readonly format: MessageFormat;
  /** Whether the account's own messages (`message_sent`) are reported. */
  readonly reportSelfMessage: boolean;
  /** Attach the raw world record to message events as `raw`. */
  readonly debug: boolean;
}

/**
 * Subscribes to one account's events as an adapter sees them: own messages only with
 * reportSelfMessage, in the adapter's format. `send` receives the serialised event (shared by
 * every client with the same format) and the event itself. Returns the unsubscriber.
 */
export function subscribeEvents(
  events: EventHub,
  selfId: number,
  options: EventFeedOptions,
  send: (json: string, event: OutboundEvent) => void,
): () => void {
  return events.subscribe(selfId, (event) => {
    if (event.isSelfMessage && !options.reportSelfMessage) return;
    send(event.json(options.format, options.debug), event);
  });
}
