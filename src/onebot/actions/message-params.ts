import { Type } from '@sinclair/typebox';
import type { ContentDraft, ForwardCardDraft } from '../../world/messages/draft.js';
import type { MessageRecord } from '../../world/messages/message.js';
import type { ActionContext } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { parseMessage } from '../message/parse-message.js';
import { parseCard } from '../message/segments/node.js';
import { SegmentError } from '../message/segments/fields.js';
import { yesOnlyIfTrue } from '../napcat-flags.js';
import { P } from '../schema.js';

/**
 * Param pieces shared by the message actions. The message itself is checked by the segment
 * codec (which names the bad segment), so its schema only says which forms are accepted.
 */
export const messageParam = (description = 'The message: a segment array, one segment object, or a CQ-code string') =>
  Type.Union([Type.String(), Type.Array(Type.Unknown()), Type.Object({})], { description });

export const sendOptions = {
  auto_escape: P.optional(
    Type.Unknown({
      description:
        'Send a string message as plain text (no CQ codes): true or "true"; as in NapCat, which never validates a send, any other value (null, "1", "yes") means false',
    }),
  ),
  timeout: P.optional(P.int('Ignored: sends complete at once')),
  source: P.optional(P.str('Merged forward card: source line')),
  news: P.optional(
    Type.Array(Type.Union([Type.Object({ text: Type.String() }), Type.String()]), { description: 'Merged forward card: preview lines' }),
  ),
  summary: P.optional(P.str('Merged forward card: summary line')),
  prompt: P.optional(P.str('Merged forward card: notification text')),
};

export const messageIdParam = P.messageId();

interface SendInput {
  readonly message?: unknown;
  readonly auto_escape?: unknown;
  readonly source?: string;
  readonly news?: readonly ({ text: string } | string)[];
  readonly summary?: string;
  readonly prompt?: string;
}

/** The `message` param as world content; 1400 naming the bad segment. */
export function contentOf(ctx: ActionContext, params: SendInput, field = 'message', input: unknown = params.message): ContentDraft {
  if (input === undefined) throw badParams(`${field}: is required`);
  let card: ForwardCardDraft;
  try {
    card = parseCard(params as Record<string, unknown>);
  } catch (error) {
    if (error instanceof SegmentError) throw badParams(error.message.replace(/^data\./, ''));
    throw error;
  }
  return parseMessage(
    input,
    { autoEscape: yesOnlyIfTrue(params.auto_escape), selfId: ctx.selfId, card, limits: ctx.services.messageLimits },
    field,
  );
}

/** What a send answers: the message_id, plus res_id/forward_id for merged forwards (as NapCat). */
export function sendResult(message: MessageRecord) {
  const forward = message.elements.length === 1 && message.elements[0]!.kind === 'forward' ? message.elements[0]!.forwardId : undefined;
  return forward ? { message_id: message.messageId, res_id: forward, forward_id: forward } : { message_id: message.messageId };
}

/** LLBot's and go-cqhttp's optional history anchor: a message's seq as number or string; 0, "" or absent mean none. */
export function seqAnchorOf(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '' || value === 0 || value === '0') return undefined;
  const seq = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw badParams(`message_seq: must be a message's message_seq (got ${JSON.stringify(value)})`);
  return seq;
}

/** NapCat's optional history anchor: a message_id as number or string; 0, "" or absent mean none. */
export function anchorOf(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '' || value === 0 || value === '0') return undefined;
  const anchor = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(anchor) || anchor < 1 || anchor > 2147483647) {
    throw badParams(`message_seq: must be a message_id (got ${JSON.stringify(value)})`);
  }
  return anchor;
}
