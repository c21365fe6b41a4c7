/** One button of an inline keyboard (QQ's official-bot keyboards: 0 opens a link, 1 calls back, 2 types a command). */
export interface KeyboardButton {
  readonly id: string;
  readonly label: string;
  readonly actionType: number;
  /** The link, the callback data or the command. */
  readonly data: string;
}

/** A recorded click of a button (click_inline_keyboard_button; migration 017). */
export interface KeyboardClick {
  readonly messageId: number;
  readonly buttonId: string;
  readonly userId: number;
  readonly callbackData: string;
  readonly time: number;
}

export interface KeyboardClickRepository {
  insert(click: KeyboardClick): void;
  /** The clicks of a message's keyboard, oldest first. */
  forMessage(messageId: number): KeyboardClick[];
}
