import type { Migration } from './index.js';

/**
 * Clicks of inline keyboard buttons (click_inline_keyboard_button): who clicked which button of
 * which message's keyboard, with the callback data the click carried.
 */
export const keyboardClicks: Migration = {
  version: 17,
  name: 'inline keyboard clicks',
  sql: `
    CREATE TABLE keyboard_clicks (
      message_id    INTEGER NOT NULL,
      button_id     TEXT    NOT NULL,
      user_id       INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      callback_data TEXT    NOT NULL,
      time          INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX keyboard_clicks_by_message ON keyboard_clicks (message_id, time);
  `,
};
