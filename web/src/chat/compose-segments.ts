import type { Uploaded } from '../api/client';
import type { OneBotMessage, Segment } from '../api/types';
import { faceByName, faceTokenPattern } from './faces';

export interface Mention {
  qq: number | 'all';
  name: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Turns the composer's text into OneBot segments: `[/微笑]` tokens become faces, `@Name` of a
 * picked member becomes an at segment, the rest stays text; the reply goes first and the images
 * last, as QQ orders them.
 */
export function buildSegments(text: string, mentions: readonly Mention[], images: readonly Uploaded[], replyTo?: OneBotMessage): Segment[] {
  const segments: Segment[] = [];
  if (replyTo) segments.push({ type: 'reply', data: { id: String(replyTo.message_id) } });
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const parts = [faceTokenPattern.source, ...names.map((mention) => `@${escapeRegExp(mention.name)}`)];
  const pattern = new RegExp(parts.join('|'), 'g');
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = segments.at(-1);
    if (previous?.type === 'text') previous.data.text = `${String(previous.data.text)}${value}`;
    else segments.push({ type: 'text', data: { text: value } });
  };
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    const index = match.index ?? 0;
    let segment: Segment | undefined;
    if (token.startsWith('[/')) {
      const face = faceByName(token.slice(2, -1));
      if (face) segment = { type: 'face', data: { id: String(face.id) } };
    } else {
      const mention = names.find((entry) => `@${entry.name}` === token);
      if (mention) segment = { type: 'at', data: { qq: String(mention.qq) } };
    }
    if (!segment) continue;
    pushText(text.slice(last, index));
    segments.push(segment);
    last = index + token.length;
  }
  pushText(text.slice(last));
  const textSegments = segments.filter((segment) => segment.type === 'text');
  // Trailing newlines and spaces are not sent (QQ trims them too).
  const lastText = textSegments.at(-1);
  if (lastText && segments.at(-1) === lastText) {
    lastText.data.text = String(lastText.data.text).replace(/\s+$/, '');
    if (!lastText.data.text) segments.pop();
  }
  for (const image of images) segments.push({ type: 'image', data: { file: image.file, name: image.name } });
  return segments;
}
