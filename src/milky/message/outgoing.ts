import type { OutgoingForwardedMessage, OutgoingSegment } from '@saltify/milky-types';
import type { z } from 'zod';
import type { ContentDraft, ElementDraft, ForwardNodeDraft } from '../../world/messages/draft.js';
import { badInput } from '../error-catalogue.js';
import { superFaceType } from './incoming.js';

export type OutgoingSegmentInput = z.output<typeof OutgoingSegment>;
type ForwardedInput = z.output<typeof OutgoingForwardedMessage>;

/** QQ's system faces have small numeric ids; Milky sends them as strings. */
const faceIdPattern = /^\d{1,6}$/;

/**
 * Turns the segments a Milky client sends (already parsed by the spec's schema) into what the
 * world stores. A `forward` segment is a whole merged forward, so it must be the message's only
 * segment, as QQ sends it; its nodes become custom forward nodes, nested forwards included.
 */
export function contentOfSegments(segments: readonly OutgoingSegmentInput[], field = 'message'): ContentDraft {
  const forwardAt = segments.findIndex((segment) => segment.type === 'forward');
  if (forwardAt >= 0) {
    const segment = segments[forwardAt]!;
    if (segments.length > 1) throw badInput(`${field}.${forwardAt}: a forward segment must be the only segment of its message`);
    if (segment.type !== 'forward') throw badInput(`${field}.${forwardAt}: not a forward segment`);
    const { data } = segment;
    if (data.preview && (data.preview.length < 1 || data.preview.length > 4)) {
      throw badInput(`${field}.${forwardAt}.data.preview: give 1 to 4 lines, or leave it out`);
    }
    return {
      kind: 'forward',
      nodes: (data.messages as ForwardedInput[]).map((node, index) => forwardNode(node, `${field}.${forwardAt}.data.messages.${index}`)),
      card: {
        ...(data.title != null && { source: data.title }),
        ...(data.preview != null && { news: data.preview }),
        ...(data.summary != null && { summary: data.summary }),
        ...(data.prompt != null && { prompt: data.prompt }),
      },
    };
  }
  return { kind: 'elements', elements: segments.map((segment, index) => elementOf(segment, `${field}.${index}`)) };
}

function forwardNode(node: ForwardedInput, path: string): ForwardNodeDraft {
  return {
    kind: 'custom',
    userId: node.user_id,
    nickname: node.sender_name,
    content: contentOfSegments(node.segments as OutgoingSegmentInput[], `${path}.segments`),
  };
}

function elementOf(segment: OutgoingSegmentInput, path: string): ElementDraft {
  switch (segment.type) {
    case 'text':
      return { kind: 'text', text: segment.data.text };
    case 'mention':
      return { kind: 'at', target: segment.data.user_id };
    case 'mention_all':
      return { kind: 'at', target: 'all' };
    case 'face':
      if (!faceIdPattern.test(segment.data.face_id)) throw badInput(`${path}.data.face_id: "${segment.data.face_id}" is not a face id`);
      return { kind: 'face', faceId: Number(segment.data.face_id), ...(segment.data.is_large && { faceType: superFaceType }) };
    case 'reply':
      return { kind: 'reply-seq', seq: segment.data.message_seq };
    case 'image':
      return {
        kind: 'image',
        source: { uri: segment.data.uri },
        ...(segment.data.summary != null && { summary: segment.data.summary }),
        subType: segment.data.sub_type === 'sticker' ? 1 : 0,
      };
    case 'record':
      return { kind: 'record', source: { uri: segment.data.uri } };
    case 'video':
      return {
        kind: 'video',
        source: { uri: segment.data.uri },
        ...(segment.data.thumb_uri != null && { thumb: { uri: segment.data.thumb_uri } }),
      };
    case 'light_app':
      if (!isJson(segment.data.json_payload)) throw badInput(`${path}.data.json_payload: not valid JSON`);
      return { kind: 'json', data: segment.data.json_payload };
    default:
      throw badInput(`${path}: a ${segment.type} segment cannot stand among other segments`);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.trim() !== '';
  } catch {
    return false;
  }
}
