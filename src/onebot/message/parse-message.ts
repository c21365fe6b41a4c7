import type { ContentDraft, ElementDraft, ForwardCardDraft, ForwardNodeDraft } from '../../world/messages/draft.js';
import { maxForwardDepth } from '../../world/messages/forward.js';
import { badParams } from '../error-catalogue.js';
import { CqSyntaxError, parseCq } from './cq-code.js';
import type { Segment } from './segment.js';
import { SegmentError, type SegmentData } from './segments/fields.js';
import { codecByType } from './segments/index.js';
import { parseCard, parseNode, type NodeSender } from './segments/node.js';
import { defaultMessageLimits, MessageBudget, type MessageLimits } from './message-limits.js';

export interface ParseOptions {
  /** A string message is plain text, not CQ codes (`auto_escape`). */
  readonly autoEscape?: boolean;
  /** The sending account: the default sender of custom forward nodes. */
  readonly selfId: number;
  /** Card texts of a forward built from top-level nodes (send params source/news/summary/prompt). */
  readonly card?: ForwardCardDraft;
  /** Size limits of one message (catnap.json `message.*`); the defaults when absent. */
  readonly limits?: MessageLimits;
}

/**
 * Reads the `message` param of a send: a segment array, one segment, or a CQ string (plain text
 * with `autoEscape`). Returns what the world stores: elements, or a merged forward when the
 * message is made of `node` segments. Anything unusable is a 1400 that says where:
 * `message[1] (image): data.file is required (...)`, `message[0]: unknown segment type "x"`.
 */
export function parseMessage(input: unknown, options: ParseOptions, path = 'message'): ContentDraft {
  const budget = new MessageBudget(options.limits ?? defaultMessageLimits, path);
  const card = options.card ?? {};
  for (const text of [card.source, card.summary, card.prompt, ...(card.news ?? [])]) if (text) budget.text(text);
  return parseContent(input, options, path, 1, card, { userId: options.selfId, nickname: 'QQ用户' }, budget);
}

/** The segments of a message in any of its forms, with their shape checked. */
export function toSegments(input: unknown, autoEscape: boolean, path: string): Segment[] {
  if (typeof input === 'string') {
    if (autoEscape) return [{ type: 'text', data: { text: input } }];
    try {
      return parseCq(input);
    } catch (error) {
      if (error instanceof CqSyntaxError) throw badParams(`${path}: ${error.message}`);
      throw error;
    }
  }
  const list = Array.isArray(input) ? input : input !== null && typeof input === 'object' ? [input] : undefined;
  if (!list) throw badParams(`${path} must be a segment array, one segment, or a CQ string (got ${describe(input)})`);
  return list.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) || typeof (item as { type?: unknown }).type !== 'string') {
      throw badParams(`${path}[${index}]: a segment is an object {"type": "...", "data": {...}} (got ${describe(item)})`);
    }
    const { type, data } = item as { type: string; data?: unknown };
    if (data === undefined || data === null) return { type, data: {} };
    if (typeof data !== 'object' || Array.isArray(data)) throw badParams(`${path}[${index}] (${type}): data must be an object`);
    return { type, data: data as Record<string, unknown> };
  });
}

function parseContent(
  input: unknown,
  options: ParseOptions,
  path: string,
  depth: number,
  card: ForwardCardDraft,
  sender: NodeSender,
  budget: MessageBudget,
): ContentDraft {
  const segments = toSegments(input, depth === 1 && options.autoEscape === true, path);
  if (segments.length === 0) throw badParams(`${path} is empty`);
  budget.segments(segments);
  const nodes = segments.filter((segment) => segment.type === 'node').length;
  if (nodes > 0 && nodes !== segments.length) {
    throw badParams(`${path}: node segments cannot be mixed with other segments (a merged forward is made of nodes only)`);
  }
  if (nodes > 0) {
    if (depth > maxForwardDepth) throw badParams(`${path}: merged forwards nest at most ${maxForwardDepth} levels deep`);
    const parsed: ForwardNodeDraft[] = segments.map((segment, index) =>
      guard(`${path}[${index}]`, 'node', () =>
        parseNode(segment.data, `${path}[${index}]`, sender, (content, contentPath, nodeSender) =>
          parseContent(content, options, contentPath, depth + 1, parseCard(segment.data), nodeSender, budget),
        ),
      ),
    );
    return { kind: 'forward', nodes: parsed, card };
  }
  const elements: ElementDraft[] = segments.map((segment, index) => {
    const codec = codecByType.get(segment.type);
    if (!codec) throw badParams(`${path}[${index}]: unknown segment type ${JSON.stringify(segment.type)}`);
    return guard(`${path}[${index}]`, segment.type, () => codec.parse(segment.data as SegmentData));
  });
  return { kind: 'elements', elements };
}

/** Runs a segment parser, turning its SegmentError into a 1400 that names the segment. */
function guard<T>(where: string, type: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SegmentError) throw badParams(`${where} (${type}): ${error.message}`);
    throw error;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
