import type { OneBotMessage, Segment } from '../api/types';
import { worldData } from '../api/world-data';
import { faceById } from './faces';

/** A message's segments, whichever format it came in (a CQ string is shown as text). */
export function segmentsOf(message: OneBotMessage): Segment[] {
  if (Array.isArray(message.message)) return message.message;
  return [{ type: 'text', data: { text: message.raw_message ?? String(message.message ?? '') } }];
}

/** One-line text of a message, as QQ shows it in the contact list and in quotes. */
export function previewOf(message: OneBotMessage, groupId?: number): string {
  const body = segmentsOf(message)
    .map((segment) => segmentPreview(segment, groupId))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (!groupId) return body;
  const sender = message.sender?.card || message.sender?.nickname || worldData.nameOf(message.user_id, groupId);
  return `${sender}: ${body}`;
}

export function segmentPreview(segment: Segment, groupId?: number): string {
  const data = segment.data ?? {};
  switch (segment.type) {
    case 'text':
      return String(data.text ?? '');
    case 'face': {
      const face = faceById(Number(data.id));
      return face ? `[${face.name}]` : '[表情]';
    }
    case 'mface':
      return String(data.summary || '[动画表情]');
    case 'image':
      return String(data.summary || '[图片]');
    case 'record':
      return '[语音]';
    case 'video':
      return '[视频]';
    case 'file':
      return `[文件] ${String(data.name ?? data.file ?? '')}`;
    case 'at':
      return data.qq === 'all' ? '@全体成员 ' : `@${String(data.name || worldData.nameOf(Number(data.qq), groupId))} `;
    case 'reply':
      return '';
    case 'forward':
      return '[聊天记录]';
    case 'poke':
      return '[戳一戳]';
    case 'dice':
      return '[骰子]';
    case 'rps':
      return '[猜拳]';
    case 'json':
    case 'xml':
      return '[卡片消息]';
    case 'markdown':
      return String(data.content ?? '[Markdown]');
    case 'music':
      return '[音乐]';
    case 'share':
      return `[链接] ${String(data.title ?? '')}`;
    case 'location':
      return '[位置]';
    case 'contact':
      return '[名片]';
    default:
      return `[${segment.type}]`;
  }
}
