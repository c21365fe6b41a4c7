import { useCallback, useState } from 'react';
import { Icon } from '../ui/icons';
import { act } from '../api/client';
import type { OneBotMessage, Segment } from '../api/types';
import { worldData } from '../api/world-data';
import { Lightbox } from '../ui/lightbox';
import { Modal } from '../ui/modal';
import { toastError } from '../ui/toast';
import { faceById } from './faces';
import { previewOf, segmentsOf } from './preview';
import { formatSize } from './time';

/** Where a media segment's bytes are: its url, or Catnap's own URL for a blob id. */
function mediaUrl(data: Record<string, unknown>): string {
  const url = String(data.url ?? '');
  if (url) return url;
  const file = String(data.file ?? '');
  if (/^[0-9a-f]{64}$/.test(file)) return `/media/${file}`;
  if (/^https?:\/\//.test(file)) return file;
  return '';
}

/** The rps segment's result: 1 rock, 2 scissors, 3 paper. */
const rps = ['', '石头', '剪刀', '布'];

/** Draws a message's segments as QQ does: text, faces, images, files, quotes, cards. */
export function Segments(props: {
  segments: Segment[];
  groupId?: number;
  selfId: number;
  findMessage?: (id: number) => OneBotMessage | undefined;
}) {
  const [zoom, setZoom] = useState<{ url: string; alt: string } | undefined>();
  const closeZoom = useCallback(() => setZoom(undefined), []);
  const [forward, setForward] = useState<OneBotMessage[] | undefined>();
  const openForward = async (id: string) => {
    try {
      const data = await act(props.selfId, 'get_forward_msg', { id });
      setForward(data?.messages ?? []);
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <>
      {props.segments.map((segment, index) => {
        const data = segment.data ?? {};
        const key = `${index}`;
        switch (segment.type) {
          case 'text':
            return (
              <span key={key} className="seg-text">
                {String(data.text ?? '')}
              </span>
            );
          case 'face': {
            const face = faceById(Number(data.id));
            return (
              <span key={key} className="seg-face" title={face ? `/${face.name}` : `face ${String(data.id)}`} data-testid="seg-face">
                {face?.emoji ?? <Icon name="smile" inline />}
              </span>
            );
          }
          case 'at': {
            const all = data.qq === 'all';
            const name = all ? '全体成员' : String(data.name || worldData.nameOf(Number(data.qq), props.groupId));
            return (
              <span key={key} className={`seg-at${!all && Number(data.qq) === props.selfId ? ' seg-at-me' : ''}`} data-testid="seg-at">
                @{name}
              </span>
            );
          }
          case 'reply': {
            const quoted = props.findMessage?.(Number(data.id));
            return (
              <div key={key} className="seg-reply" data-testid="seg-reply">
                {quoted ? previewOf(quoted, props.groupId ?? quoted.sender?.user_id) : `回复消息 #${String(data.id)}`}
              </div>
            );
          }
          case 'image':
          case 'mface': {
            const url = mediaUrl(data);
            const alt = String(data.summary || '[图片]');
            // A button, not a clickable image: reachable with Tab and opened with Enter or Space too.
            return url ? (
              <button
                key={key}
                type="button"
                className="seg-image-button"
                aria-label={`查看大图 View ${alt}`}
                onClick={() => setZoom({ url, alt })}
              >
                <img
                  className={`seg-image${segment.type === 'mface' || Number(data.sub_type) === 1 ? ' seg-sticker' : ''}`}
                  src={url}
                  alt={alt}
                  data-testid="seg-image"
                />
              </button>
            ) : (
              <span key={key}>[图片]</span>
            );
          }
          case 'record':
            return <audio key={key} className="seg-audio" controls src={mediaUrl(data)} preload="none" />;
          case 'video':
            return <video key={key} className="seg-video" controls src={mediaUrl(data)} preload="metadata" />;
          case 'file': {
            const url = mediaUrl(data);
            const name = String(data.name ?? data.file ?? '文件');
            const size = formatSize(Number(data.file_size ?? data.size ?? 0));
            return (
              <a
                key={key}
                className="seg-file"
                href={url || undefined}
                download={name}
                target="_blank"
                rel="noreferrer"
                data-testid="seg-file"
              >
                <span className="seg-file-icon">
                  <Icon name="file" size={28} />
                </span>
                <span className="seg-file-text">
                  <span className="seg-file-name">{name}</span>
                  <span className="muted small">{size}</span>
                </span>
              </a>
            );
          }
          case 'poke':
            return (
              <span key={key} className="seg-card">
                <Icon name="poke" inline /> 戳一戳
              </span>
            );
          case 'dice':
            return (
              <span key={key} className="seg-big">
                <Icon name="dice" /> {String(data.result ?? '')}
              </span>
            );
          case 'rps':
            return (
              <span key={key} className="seg-big">
                <Icon name="hand" /> {rps[Number(data.result)] ?? '猜拳'}
              </span>
            );
          case 'forward':
            return (
              <button key={key} className="seg-card link-button" onClick={() => void openForward(String(data.id))}>
                <Icon name="records" inline /> [聊天记录] 点击查看
              </button>
            );
          case 'markdown':
            return (
              <pre key={key} className="seg-markdown">
                {String(data.content ?? '')}
              </pre>
            );
          case 'json':
            return <CardSegment key={key} data={data} />;
          case 'share':
          case 'music':
            return (
              <a key={key} className="seg-card" href={String(data.url ?? data.jumpUrl ?? '#')} target="_blank" rel="noreferrer">
                <Icon name={segment.type === 'music' ? 'music' : 'link'} inline /> {String(data.title ?? data.url ?? segment.type)}
                {data.content ? <div className="muted small">{String(data.content)}</div> : null}
              </a>
            );
          case 'location':
            return (
              <span key={key} className="seg-card">
                <Icon name="location" inline /> {String(data.title ?? '')} {String(data.content ?? '')} ({String(data.lat)},{' '}
                {String(data.lon)})
              </span>
            );
          case 'contact':
            return (
              <span key={key} className="seg-card">
                <Icon name="contact" inline /> 推荐{data.type === 'group' ? '群' : '联系人'} {String(data.id)}
              </span>
            );
          default:
            return (
              <span key={key} className="seg-card muted">
                [{segment.type}]
              </span>
            );
        }
      })}
      {zoom && <Lightbox src={zoom.url} alt={zoom.alt} onClose={closeZoom} />}
      {forward && (
        <Modal title="聊天记录 Forwarded messages" onClose={() => setForward(undefined)}>
          {forward.map((message, index) => (
            <div key={index} className="forward-node">
              <div className="muted small">{message.sender?.nickname ?? message.user_id}</div>
              <Segments segments={segmentsOf(message)} selfId={props.selfId} />
            </div>
          ))}
        </Modal>
      )}
    </>
  );
}

function CardSegment(props: { data: Record<string, unknown> }) {
  let title = '[卡片消息]';
  try {
    const card = JSON.parse(String(props.data.data ?? '{}')) as {
      prompt?: string;
      meta?: Record<string, { title?: string; desc?: string }>;
    };
    const meta = card.meta ? Object.values(card.meta)[0] : undefined;
    title = meta?.title || card.prompt || title;
  } catch {
    // Not JSON: show the generic card.
  }
  return (
    <span className="seg-card">
      <Icon name="card" inline /> {title}
    </span>
  );
}
