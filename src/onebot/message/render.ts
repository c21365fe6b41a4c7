import { previewText, type Element } from '../../world/messages/elements.js';
import type { MessageFormat } from '../action.js';
import { toCq } from './cq-code.js';
import type { Segment } from './segment.js';
import type { RenderContext } from './segments/codec.js';
import { codecByKind } from './segments/index.js';

export type { RenderContext };

export interface RenderedMessage {
  /** Segments (array format) or a CQ string (string format). */
  readonly message: Segment[] | string;
  /** Always the CQ string form. */
  readonly raw_message: string;
}

/**
 * Turns stored elements into the segments a OneBot client receives, one codec per element kind
 * (see `segments/`). This and `renderMessage` are the entry points events and message-returning
 * actions use, so a message looks the same everywhere.
 */
export function elementsToSegments(elements: readonly Element[], ctx: RenderContext): Segment[] {
  return elements.map((element) => {
    const codec = codecByKind.get(element.kind);
    // Every kind has a codec; a record from a newer Catnap degrades to its preview text.
    return codec ? codec.render(element, ctx) : { type: 'text', data: { text: previewText([element]) } };
  });
}

/** The message in the requested format, and its CQ string (`raw_message`). */
export function renderMessage(elements: readonly Element[], format: MessageFormat, ctx: RenderContext): RenderedMessage {
  const segments = elementsToSegments(elements, ctx);
  const raw = toCq(segments);
  return { message: format === 'string' ? raw : segments, raw_message: raw };
}
