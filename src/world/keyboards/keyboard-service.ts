import { WorldError } from '../errors.js';
import { canSee } from '../messages/message-access.js';
import { conversationKey } from '../messages/message.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { KeyboardButton, KeyboardClick } from './keyboard-model.js';

/** What a click names, as NapCat's click_inline_keyboard_button does. */
export interface ButtonClick {
  readonly groupId: number;
  readonly botAppid: string;
  readonly buttonId: string;
  readonly callbackData: string;
  readonly msgSeq: number;
}

/**
 * Inline keyboards: a bot account attaches one to a message (the keyboard segment), and any
 * member who sees the message may click its buttons. A click names the group, the message's
 * seq, the keyboard's bot (its app id) and the button; it is recorded for the message's sender
 * to read. A link button carries no callback; a callback button carries its own data unless the
 * click gives other data.
 */
export class KeyboardService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  click(actor: number, click: ButtonClick): Promise<{ click: KeyboardClick; button: KeyboardButton }> {
    return transaction(this.ctx, () => {
      this.groups.requireSelf(click.groupId, actor);
      const key = conversationKey({ type: 'group', groupId: click.groupId });
      const message = this.ctx.store.messages.getBySeq(key, click.msgSeq);
      if (!message || !canSee(this.ctx.store, actor, message)) {
        throw new WorldError('MESSAGE_NOT_FOUND', `group ${click.groupId} has no message with seq ${click.msgSeq}`, {
          groupId: click.groupId,
        });
      }
      if (message.recalled) throw new WorldError('MESSAGE_RECALLED', `message seq ${click.msgSeq} of group ${click.groupId} was recalled`);
      const keyboard = message.elements.find((element) => element.kind === 'keyboard');
      if (!keyboard || keyboard.kind !== 'keyboard' || keyboard.botAppid !== click.botAppid) {
        throw new WorldError('KEYBOARD_BUTTON_NOT_FOUND', `message seq ${click.msgSeq} has no keyboard of bot ${click.botAppid}`);
      }
      const button = keyboard.rows.flat().find((entry) => entry.id === click.buttonId);
      if (!button) throw new WorldError('KEYBOARD_BUTTON_NOT_FOUND', `the keyboard has no button ${JSON.stringify(click.buttonId)}`);
      const recorded: KeyboardClick = {
        messageId: message.messageId,
        buttonId: button.id,
        userId: actor,
        callbackData: click.callbackData || (button.actionType === 1 ? button.data : ''),
        time: now(this.ctx),
      };
      this.ctx.store.keyboardClicks.insert(recorded);
      return { click: recorded, button };
    });
  }

  /** The clicks of a message's keyboard, for its sender (or the world); others are told it does not exist. */
  clicks(viewer: number | 'world', messageId: number): KeyboardClick[] {
    const message = this.ctx.store.messages.get(messageId);
    if (!message || (viewer !== 'world' && message.senderId !== viewer)) {
      throw new WorldError('MESSAGE_NOT_FOUND', `message ${messageId} does not exist`, { messageId });
    }
    return this.ctx.store.keyboardClicks.forMessage(messageId);
  }
}
