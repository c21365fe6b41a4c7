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

  /** A bundle by res_id. Like QQ's res_ids, knowing the id is what grants access. */
  async get(resId: string): Promise<ForwardBundle> {
    const bundle = await this.ctx.store.forwards.get(resId);
    if (!bundle) throw new WorldError('FORWARD_NOT_FOUND', `merged forward ${resId} does not exist`, { resId });
    return bundle;
  }

  /** The bundle of a forward message `viewerId` can see. */
  async ofMessage(viewerId: number, messageId: number): Promise<ForwardBundle> {
    const message = await requireLive(this.ctx.store, viewerId, messageId);
    const element = message.elements.find((candidate) => candidate.kind === 'forward');
    if (!element || element.kind !== 'forward') {
      throw new WorldError('FORWARD_NOT_FOUND', `message ${messageId} is not a merged forward`, { messageId });
    }
    return this.get(element.forwardId);
  }
}
