import { badParams } from '../error-catalogue.js';
import type { Segment } from './segment.js';

/**
 * How big one message may be (catnap.json `message.*`). Without these, a 20 MiB text message was
 * stored and served back by every history page that contained it, and a message of 200,000
 * segments or a forward of 100,000 nodes held the process for seconds. All three count the whole
 * message, merged-forward nodes and their contents included.
 */
export interface MessageLimits {
  /** UTF-8 bytes of every text-like field (text, json, xml, markdown, card texts); media sources excluded. */
  readonly maxTextBytes: number;
  /** Segments in all, at every level of a merged forward. */
  readonly maxSegments: number;
  /** Nodes of a merged forward in all, nested ones included. */
  readonly maxForwardNodes: number;
}

export const defaultMessageLimits: MessageLimits = { maxTextBytes: 64 * 1024, maxSegments: 10_000, maxForwardNodes: 1000 };

/** Media segments' source fields: stored as blobs (bounded by media.maxBytes), not as text. */
const sourceKeys = new Set(['file', 'url', 'path', 'thumb', 'file_id']);
const mediaTypes = new Set(['image', 'record', 'video', 'file', 'mface']);

/** Counts one message against the limits as it is parsed; throws a 1400 naming the setting. */
export class MessageBudget {
  #text = 0;
  #segments = 0;
  #nodes = 0;

  constructor(
    private readonly limits: MessageLimits,
    /** The param the message came in (`message`, `messages`). */
    private readonly field: string,
  ) {}

  /** Counts segments before any of them is parsed, so a huge list is refused at once. */
  segments(list: readonly Segment[]): void {
    this.#segments += list.length;
    if (this.#segments > this.limits.maxSegments) {
      throw badParams(`${this.field}: more than ${this.limits.maxSegments} segments in one message (message.maxSegments in catnap.json)`);
    }
    let nodes = 0;
    for (const segment of list) {
      if (segment.type === 'node') nodes += 1;
      this.#countText(segment);
    }
    this.#nodes += nodes;
    if (this.#nodes > this.limits.maxForwardNodes) {
      throw badParams(
        `${this.field}: more than ${this.limits.maxForwardNodes} forward nodes in one message (message.maxForwardNodes in catnap.json)`,
      );
    }
  }

  /** Counts text that is not in a segment (a forward's card texts, a node's nickname). */
  text(value: string): void {
    this.#text += Buffer.byteLength(value);
    if (this.#text > this.limits.maxTextBytes) {
      throw badParams(
        `${this.field}: more than ${this.limits.maxTextBytes} bytes of text in one message (message.maxTextBytes in catnap.json)`,
      );
    }
  }

  #countText(segment: Segment): void {
    const media = mediaTypes.has(segment.type);
    for (const [key, value] of Object.entries(segment.data)) {
      // A node's content is a message of its own, counted when it is parsed.
      if ((media && sourceKeys.has(key)) || (segment.type === 'node' && key === 'content')) continue;
      if (typeof value === 'string') this.text(value);
      else if (value !== null && typeof value === 'object') this.text(JSON.stringify(value));
    }
  }
}
