import type { WorldRandom } from '../../util/random.js';
import { previewText, type Element } from './elements.js';

/**
 * Merged forwards ("聊天记录"): a bundle of nodes stored under a `resId`. A message carries one
 * `forward` element pointing at its bundle; a node may itself contain a forward element, which is
 * how forwards nest. Bundles never change once stored, so a forward of a forward stays intact.
 */
export interface ForwardNode {
  readonly userId: number;
  readonly nickname: string;
  /** Unix seconds. */
  readonly time: number;
  readonly elements: readonly Element[];
  /** The message this node copies (a node given by message id), else 0. */
  readonly messageId: number;
}

export interface ForwardCard {
  readonly source: string;
  readonly news: readonly string[];
  readonly summary: string;
  readonly prompt: string;
}

export interface ForwardBundle {
  readonly resId: string;
  readonly creatorId: number;
  readonly time: number;
  /** Where it was first sent: inner messages render as group or private messages. */
  readonly scope: 'group' | 'private';
  /** 1 for a forward of plain messages, +1 for each level of forwards inside it. */
  readonly depth: number;
  readonly card: ForwardCard;
  readonly nodes: readonly ForwardNode[];
}

/** QQ cuts merged forwards nested deeper than this (NapCat stops at the same depth). */
export const maxForwardDepth = 3;

/**
 * A new res_id: opaque, URL-safe, never all digits (so it is never mistaken for a message_id).
 * Knowing a res_id is what lets one read the forward (as in QQ), so it is a `random.secret`:
 * from ids of the generator's raw output, a bot rebuilt its state and computed the res_ids of
 * forwards sent in groups it is not in.
 */
export function newResId(random: WorldRandom): string {
  for (;;) {
    const id = random.secret(24).toString('base64url');
    if (!/^\d+$/.test(id)) return id;
  }
}

/** The card texts QQ shows for a forward when the sender gives none. */
export function defaultCard(nodes: readonly ForwardNode[], scope: 'group' | 'private', given: Partial<ForwardCard>): ForwardCard {
  return {
    source: given.source ?? (scope === 'group' ? '群聊的聊天记录' : '聊天记录'),
    news: given.news ?? nodes.slice(0, 4).map((node) => `${node.nickname}: ${previewText(node.elements)}`),
    summary: given.summary ?? `查看${nodes.length}条转发消息`,
    prompt: given.prompt ?? '[聊天记录]',
  };
}
