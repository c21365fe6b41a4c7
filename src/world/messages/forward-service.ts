import { WorldError } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import type { ForwardBundle } from './forward.js';
import { requireLive } from './message-access.js';

/**
 * Reading merged forwards. They are created by sending (`MessageService.send` with forward
 * content); here they are looked up by res_id, or through a message that carries one.
 */
export class ForwardService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A bundle by res_id, if it exists. Like QQ's res_ids, knowing the id is what grants access. */
  find(resId: string): ForwardBundle | undefined {
    return this.ctx.store.forwards.get(resId);
  }

  /** A bundle by res_id, or FORWARD_NOT_FOUND. */
  get(resId: string): ForwardBundle {
    const bundle = this.find(resId);
    if (!bundle) throw new WorldError('FORWARD_NOT_FOUND', `merged forward ${resId} does not exist`, { resId });
    return bundle;
  }

  /** The bundle of a forward message `viewerId` can see. */
  ofMessage(viewerId: number, messageId: number): ForwardBundle {
    const message = requireLive(this.ctx.store, viewerId, messageId);
    const element = message.elements.find((candidate) => candidate.kind === 'forward');
    if (!element || element.kind !== 'forward') {
      throw new WorldError('FORWARD_NOT_FOUND', `message ${messageId} is not a merged forward`, { messageId });
    }
    return this.get(element.forwardId);
  }
}
