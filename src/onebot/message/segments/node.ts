import type { ContentDraft, ForwardCardDraft, ForwardNodeDraft } from '../../../world/messages/draft.js';
import type { ForwardNode } from '../../../world/messages/forward.js';
import type { Segment } from '../segment.js';
import type { RenderContext } from './codec.js';
import { SegmentError, optionalInt, optionalString, type SegmentData } from './fields.js';

/** Parses a node's `content` (any message form) at a path; nested nodes default to `sender`. */
export type ContentParser = (input: unknown, path: string, sender: NodeSender) => ContentDraft;

/** Who a custom node is from when it does not say: the sending account, or the enclosing node's sender. */
export interface NodeSender {
  readonly userId: number;
  readonly nickname: string;
}

/**
 * A node of a merged forward. `id` (a message_id) copies an existing message; otherwise it is a
 * custom node: `user_id` (or `uin`), `nickname` (or `name`), `content` (a message in any form,
 * which may itself be nodes: a nested forward), and optional `time`. A nested forward may carry
 * its own card texts (`source`, `news`, `summary`, `prompt`). Missing sender fields default as in
 * NapCat: to the sending account and "QQ用户" at the top, to the enclosing node's inside it.
 */
export function parseNode(input: SegmentData, path: string, defaults: NodeSender, parseContent: ContentParser): ForwardNodeDraft {
  const id = input.id;
  if (id !== undefined && id !== null && id !== '') {
    const messageId = optionalInt(input, 'id', 1, 2147483647);
    return { kind: 'ref', messageId: messageId! };
  }
  if (input.content === undefined || input.content === null) {
    throw new SegmentError('data.content is required (the node message), or data.id (a message_id to copy)');
  }
  const userId = optionalInt(input, 'user_id', 1) ?? optionalInt(input, 'uin', 1) ?? defaults.userId;
  const nickname = optionalString(input, 'nickname') || optionalString(input, 'name') || defaults.nickname;
  const time = optionalInt(input, 'time', 0);
  const content = parseContent(input.content, `${path}.content`, { userId, nickname });
  return { kind: 'custom', userId, nickname, content, ...(time ? { time } : {}) };
}

/** The card texts of a forward, from send params or a nested node's data. */
export function parseCard(input: SegmentData): ForwardCardDraft {
  const card: { source?: string; news?: string[]; summary?: string; prompt?: string } = {};
  for (const key of ['source', 'summary', 'prompt'] as const) {
    const value = optionalString(input, key);
    if (value) card[key] = value;
  }
  const news = input.news;
  if (news !== undefined && news !== null) {
    if (!Array.isArray(news)) throw new SegmentError('data.news must be a list of {"text": ...}');
    card.news = news.map((item, index) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string') return (item as { text: string }).text;
      throw new SegmentError(`data.news[${index}] must be {"text": "..."}`);
    });
  }
  return card;
}

/**
 * A stored node as a custom node segment (`user_id`, `nickname`, `time`, `content` as segments),
 * which parses back into the same node.
 */
export function renderNode(
  node: ForwardNode,
  ctx: RenderContext,
  render: (elements: ForwardNode['elements'], ctx: RenderContext) => Segment[],
): Segment {
  return {
    type: 'node',
    data: { user_id: String(node.userId), nickname: node.nickname, time: String(node.time), content: render(node.elements, ctx) },
  };
}
