import type { Dialect, MessageFormat } from '../onebot/action.js';
import type { EventHub } from '../onebot/events/event-hub.js';
import type { OutboundEvent } from '../onebot/events/outbound-event.js';
import type { ClientLabel, TransportObserver } from './transport-observer.js';

/** How one adapter wants its events (NapCat's per-adapter settings). */
export interface EventFeedOptions {
  readonly format: MessageFormat;
  /** Whether the account's own messages (`message_sent`) are reported. */
  readonly reportSelfMessage: boolean;
  /** Attach the raw world record to message events as `raw`. */
  readonly debug: boolean;
  /** Whose event and segment details to write (the adapter's `dialect`). */
  readonly dialect: Dialect;
}

/**
 * Subscribes to one account's events as an adapter sees them: own messages only with
 * reportSelfMessage, only what its dialect reports, in the adapter's format. `send` receives the serialised event (shared by
 * every client with the same format) and the event itself. Returns the unsubscriber.
 */
export function subscribeEvents(
  events: EventHub,
  selfId: number,
  options: EventFeedOptions,
  send: (json: string, event: OutboundEvent) => void,
  observed?: { readonly observer: TransportObserver | undefined; readonly client: ClientLabel },
): () => void {
  const sent = observed?.observer?.eventSent && { observer: observed.observer, client: observed.client };
  return events.subscribe(selfId, (event) => {
    if (event.isSelfMessage && !options.reportSelfMessage) return;
    if (!event.reportedIn(options.dialect)) return;
    send(event.json(options), event);
    if (sent) sent.observer.eventSent!(sent.client, eventType(event, options.dialect));
  });
}

/** `message.group`, `notice.group_ban`, `request.friend`, ...: the post type and its detail type. */
export function eventType(event: OutboundEvent, dialect: Dialect = 'napcat'): string {
  const object = event.object('array', dialect) as Readonly<Record<string, unknown>>;
  const detail = object.message_type ?? object.notice_type ?? object.request_type ?? object.meta_event_type;
  return typeof detail === 'string' ? `${event.postType}.${detail}` : event.postType;
}
