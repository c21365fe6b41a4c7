import type { Element, ElementKind } from '../../../world/messages/elements.js';
import type { ElementDraft } from '../../../world/messages/draft.js';
import type { Dialect, PublicUrls } from '../../action.js';
import type { DialectNotes } from '../../dialect.js';
import type { Segment } from '../segment.js';
import type { SegmentData } from './fields.js';

export interface RenderContext {
  readonly urls: PublicUrls;
  /** Whose segment details to write (NapCat's, LLBot's or go-cqhttp's field names and values). */
  readonly dialect: Dialect;
}

/**
 * One segment type, both ways: `parse` checks what a client sends and returns what the world
 * should store (throwing a `SegmentError` that names the bad field); `render` turns a stored
 * element back into the segment clients receive. Each lives in its own module under segments/.
 */
export interface SegmentCodec<K extends ElementKind = ElementKind> {
  /** The segment type on the wire. */
  readonly type: string;
  /** The element kind it renders. */
  readonly kind: K;
  parse(data: SegmentData): ElementDraft;
  /** The segment a client receives; `ctx.dialect` picks LLBot's or go-cqhttp's details where they differ. */
  render(element: Extract<Element, { kind: K }>, ctx: RenderContext): Segment;
  /** What `render` writes differently per dialect, in a sentence each (docs/dialects.md). */
  readonly dialects?: DialectNotes;
}

/** Identity helper so each codec's element type is inferred from its `kind`. */
export function defineSegment<K extends ElementKind>(codec: SegmentCodec<K>): SegmentCodec<K> {
  return codec;
}

/** Builds segment data, leaving out undefined values (so optional fields vanish, as NapCat's do). */
export function data(entries: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) result[key] = value;
  return result;
}
