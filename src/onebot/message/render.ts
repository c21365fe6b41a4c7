import type { Element } from '../../world/messages/elements.js';
import type { MessageFormat, PublicUrls } from '../action.js';
import { toCq } from './cq-code.js';
import type { Segment } from './segment.js';

export interface RenderContext {
  readonly urls: PublicUrls;
}

export interface RenderedMessage {
  /** Segments (array format) or a CQ string (string format). */
  readonly message: Segment[] | string;
  /** Always the CQ string form. */
  readonly raw_message: string;
}

/**
 * Turns stored elements into what a OneBot client receives. This is the one entry point the
 * event builders and message-returning actions use; the per-segment conversions live in
 * `segments/` (one module per type).
 *
 * PROVISIONAL: until the segment modules land, non-text elements are rendered generically.
 */
export function elementsToSegments(elements: readonly Element[], _ctx: RenderContext): Segment[] {
  return elements.map((element) => {
    if (element.kind === 'text') return { type: 'text', data: { text: element.text } };
    const { kind, ...data } = element;
    return { type: kind, data: data as Record<string, unknown> };
  });
}

export function renderMessage(elements: readonly Element[], format: MessageFormat, ctx: RenderContext): RenderedMessage {
  const segments = elementsToSegments(elements, ctx);
  const raw = toCq(segments);
  return { message: format === 'string' ? raw : segments, raw_message: raw };
}
