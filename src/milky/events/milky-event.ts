import type { Event } from '@saltify/milky-types';
import type { z } from 'zod';

/** A Milky event as sent on the wire: `time`, `self_id`, `event_type` and the type's `data`. */
export type MilkyEvent = z.input<typeof Event>;
export type MilkyEventType = MilkyEvent['event_type'];
/** The body of one event type, before the envelope is added. */
export type MilkyEventBody = {
  [T in MilkyEventType]: { event_type: T; data: Extract<MilkyEvent, { event_type: T }>['data'] };
}[MilkyEventType];

/**
 * One event on its way to one account's Milky clients, serialised once however many clients
 * (WebSocket, SSE, WebHook) receive it.
 */
export class OutboundMilkyEvent {
  #json: string | undefined;

  constructor(
    readonly selfId: number,
    readonly event: MilkyEvent,
    /** The account's own message, which servers report only with reportSelfMessage. */
    readonly isSelfMessage = false,
  ) {}

  get json(): string {
    this.#json ??= JSON.stringify(this.event);
    return this.#json;
  }

  static of(selfId: number, time: number, body: MilkyEventBody, isSelfMessage = false): OutboundMilkyEvent {
    return new OutboundMilkyEvent(selfId, { time, self_id: selfId, ...body } as MilkyEvent, isSelfMessage);
  }
}

/** bot_offline: sent to an account's event clients when its Milky server stops serving them. */
export function botOfflineEvent(selfId: number, time: number, reason: string): OutboundMilkyEvent {
  return OutboundMilkyEvent.of(selfId, time, { event_type: 'bot_offline', data: { reason } });
}
