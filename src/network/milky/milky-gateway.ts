import type { MilkyDispatcher } from '../../milky/dispatcher.js';
import type { MilkyEventHub } from '../../milky/events/milky-event-hub.js';
import type { OutboundMilkyEvent } from '../../milky/events/milky-event.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { TransportLimits } from '../limits.js';

/** What the Milky layer offers its transports, as `OneBotGateway` does for OneBot's. */
export interface MilkyGateway {
  readonly dispatcher: MilkyDispatcher;
  readonly events: MilkyEventHub;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Body size limit of the API, in bytes. */
  readonly bodyLimit: number;
  /** Backpressure and liveness limits of event transports (see `limits.ts`); defaults when absent. */
  readonly limits?: Partial<TransportLimits>;
}

/** Subscribes to one account's Milky events, leaving out its own messages unless asked for. */
export function subscribeMilkyEvents(
  gateway: MilkyGateway,
  selfId: number,
  reportSelfMessage: boolean,
  send: (event: OutboundMilkyEvent) => void,
): () => void {
  return gateway.events.subscribe(selfId, (event) => {
    if (event.isSelfMessage && !reportSelfMessage) return;
    send(event);
  });
}
