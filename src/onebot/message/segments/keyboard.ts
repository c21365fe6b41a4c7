import type { KeyboardButton } from '../../../world/keyboards/keyboard-model.js';
import { defineSegment } from './codec.js';
import { optionalString, SegmentError } from './fields.js';

const maxRows = 5;
const maxButtons = 5;

/** `content` as an object, or as JSON text (a CQ code carries it as text). */
function contentOf(value: unknown): Record<string, unknown> {
  let content = value;
  if (typeof value === 'string') {
    try {
      content = JSON.parse(value);
    } catch {
      throw new SegmentError('content must be a keyboard object or its JSON');
    }
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content))
    throw new SegmentError('content must be a keyboard object');
  return content as Record<string, unknown>;
}

function buttonOf(value: unknown, where: string): KeyboardButton {
  if (value === null || typeof value !== 'object') throw new SegmentError(`${where} must be a button object`);
  const button = value as { id?: unknown; render_data?: { label?: unknown }; action?: { type?: unknown; data?: unknown } };
  const id = button.id;
  const label = button.render_data?.label;
  const type = button.action?.type ?? 1;
  const data = button.action?.data ?? '';
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') throw new SegmentError(`${where}.id must be a string`);
  if (typeof label !== 'string' || label === '') throw new SegmentError(`${where}.render_data.label must be a string`);
  if (type !== 0 && type !== 1 && type !== 2) throw new SegmentError(`${where}.action.type must be 0 (link), 1 (callback) or 2 (command)`);
  if (typeof data !== 'string') throw new SegmentError(`${where}.action.data must be a string`);
  return { id: String(id), label, actionType: type, data };
}

/**
 * An inline keyboard (QQ's official-bot keyboards), a Catnap addition: NapCat cannot send one, but
 * its click_inline_keyboard_button clicks them. `content.rows[].buttons[]` with `id`,
 * `render_data.label` and `action.{type, data}`; the world sets `bot_appid` to the sending bot's
 * number. Up to 5 rows of 5 buttons, as QQ allows.
 */
export const keyboardSegment = defineSegment({
  type: 'keyboard',
  kind: 'keyboard',
  parse: (data) => {
    const rows = contentOf(data.content).rows;
    if (!Array.isArray(rows) || rows.length === 0 || rows.length > maxRows) {
      throw new SegmentError(`content.rows must hold 1 to ${maxRows} rows`);
    }
    return {
      kind: 'keyboard',
      botAppid: optionalString(data, 'bot_appid') ?? '',
      rows: rows.map((row: unknown, r) => {
        const buttons = (row as { buttons?: unknown } | null)?.buttons;
        if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > maxButtons) {
          throw new SegmentError(`content.rows[${r}].buttons must hold 1 to ${maxButtons} buttons`);
        }
        return buttons.map((button: unknown, b) => buttonOf(button, `content.rows[${r}].buttons[${b}]`));
      }),
    };
  },
  render: (element) => ({
    type: 'keyboard',
    data: {
      bot_appid: element.botAppid,
      content: {
        rows: element.rows.map((row) => ({
          buttons: row.map((button) => ({
            id: button.id,
            render_data: { label: button.label },
            action: { type: button.actionType, data: button.data },
          })),
        })),
      },
    },
  }),
});
