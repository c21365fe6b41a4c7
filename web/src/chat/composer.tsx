import {
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { Icon } from '../ui/icons';
import { act, describeError, upload, type Uploaded } from '../api/client';
import type { GroupMember, OneBotMessage, Peer, Segment } from '../api/types';
import { worldData } from '../api/world-data';
import { toastError } from '../ui/toast';
import { faces, faceToken } from './faces';
import { previewOf } from './preview';
import { buildSegments, type Mention } from './compose-segments';

interface Attachment {
  uploaded: Uploaded;
  preview: string;
}

/**
 * The input box: text with [/face] tokens and @mentions, pasted or picked images, files sent at
 * once, and the quoted message being replied to. Enter sends, Shift+Enter starts a new line.
 */
export function Composer(props: {
  selfId: number;
  peer: Peer;
  members: GroupMember[];
  replyTo: OneBotMessage | undefined;
  onCancelReply: () => void;
  mention: Mention | undefined;
  onMentionUsed: () => void;
  onSend: (segments: Segment[]) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [showFaces, setShowFaces] = useState(false);
  const [query, setQuery] = useState<string | undefined>();
  const [highlight, setHighlight] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const imageInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const isGroup = props.peer.type === 'group';
  const me = props.members.find((member) => member.user_id === props.selfId);

  const insert = (value: string, replaceQuery = false) => {
    const area = textRef.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    const before = replaceQuery ? text.slice(0, start).replace(/@[^\s@]*$/, '') : text.slice(0, start);
    const next = `${before}${value}${text.slice(end)}`;
    // The caret moves in the layout effect below, right after React writes the new text and before
    // the next keystroke is handled; moving it later would put fast typing in the wrong place.
    pendingCaret.current = before.length + value.length;
    setText(next);
  };

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !textRef.current) return;
    pendingCaret.current = null;
    textRef.current.focus();
    textRef.current.setSelectionRange(caret, caret);
  }, [text]);

  const addMention = (mention: Mention, replaceQuery: boolean) => {
    setMentions((list) => (list.some((entry) => entry.qq === mention.qq && entry.name === mention.name) ? list : [...list, mention]));
    insert(`@${mention.name} `, replaceQuery);
    setQuery(undefined);
  };

  // "@TA" from a message or the member list: each new mention is inserted once, with the text and
  // the callbacks as they are when it arrives (an effect event, so they need not be dependencies).
  const insertMention = useEffectEvent((mention: Mention) => {
    addMention(mention, false);
    props.onMentionUsed();
  });
  const { mention } = props;
  useEffect(() => {
    if (mention) insertMention(mention);
  }, [mention]);

  const candidates: Mention[] =
    query === undefined || !isGroup
      ? []
      : [
          ...(me && me.role !== 'member' ? [{ qq: 'all' as const, name: '全体成员' }] : []),
          ...props.members
            .filter((member) => member.user_id !== props.selfId)
            .map((member) => ({ qq: member.user_id, name: member.card || member.nickname })),
        ]
          .filter((mention) => `${mention.name} ${mention.qq}`.toLowerCase().includes(query.toLowerCase()))
          .slice(0, 8);

  const onChange = (value: string, caret: number) => {
    setText(value);
    setError('');
    const match = isGroup ? /@([^\s@]*)$/.exec(value.slice(0, caret)) : null;
    setQuery(match ? match[1] : undefined);
    setHighlight(0);
  };

  const uploadImages = async (files: File[]) => {
    for (const file of files) {
      try {
        const uploaded = await upload(file, file.name || `pasted-${Date.now()}.png`);
        setAttachments((list) => [...list, { uploaded, preview: URL.createObjectURL(file) }]);
      } catch (failure) {
        toastError(failure);
      }
    }
  };

  const sendFile = async (file: File) => {
    setBusy(true);
    try {
      const uploaded = await upload(file, file.name);
      try {
        await props.onSend([{ type: 'file', data: { file: uploaded.file, name: uploaded.name } }]);
      } catch {
        // Servers that only take files through the file actions.
        const target = props.peer.type === 'group' ? { group_id: props.peer.id } : { user_id: props.peer.id };
        await act(props.selfId, props.peer.type === 'group' ? 'upload_group_file' : 'upload_private_file', {
          ...target,
          file: uploaded.file,
          name: uploaded.name,
        });
      }
    } catch (failure) {
      toastError(failure);
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    const segments = buildSegments(
      text,
      mentions,
      attachments.map((attachment) => attachment.uploaded),
      props.replyTo,
    );
    if (!segments.some((segment) => segment.type !== 'reply')) return;
    setBusy(true);
    setError('');
    try {
      await props.onSend(segments);
      setText('');
      setMentions([]);
      attachments.forEach((attachment) => URL.revokeObjectURL(attachment.preview));
      setAttachments([]);
      textRef.current?.focus();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (candidates.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setHighlight((value) => (value + (event.key === 'ArrowDown' ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        addMention(candidates[highlight] ?? candidates[0]!, true);
        return;
      }
      if (event.key === 'Escape') {
        setQuery(undefined);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const onPaste = (event: ClipboardEvent) => {
    const images = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'));
    if (images.length === 0) return;
    event.preventDefault();
    void uploadImages(images);
  };

  const onDrop = (event: DragEvent) => {
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    event.preventDefault();
    void uploadImages(files.filter((file) => file.type.startsWith('image/')));
    for (const file of files.filter((entry) => !entry.type.startsWith('image/'))) void sendFile(file);
  };

  return (
    <div className="composer" onDrop={onDrop} onDragOver={(event) => event.preventDefault()} data-testid="composer">
      <div className="composer-toolbar">
        <button className="icon-button" title="表情 Faces" onClick={() => setShowFaces(!showFaces)} data-testid="open-faces">
          <Icon name="smile" size={20} />
        </button>
        <button className="icon-button" title="图片 Image" onClick={() => imageInput.current?.click()} data-testid="pick-image">
          <Icon name="image" size={20} />
        </button>
        <button className="icon-button" title="文件 File" onClick={() => fileInput.current?.click()} data-testid="pick-file">
          <Icon name="folder" size={20} />
        </button>
        {isGroup && (
          <button className="icon-button" title="@ 提及 Mention" onClick={() => insert('@')} data-testid="insert-at">
            @
          </button>
        )}
        <input
          ref={imageInput}
          type="file"
          accept="image/*"
          aria-label="发送图片 Send images"
          multiple
          hidden
          data-testid="image-input"
          onChange={(event) => {
            void uploadImages([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <input
          ref={fileInput}
          type="file"
          aria-label="发送文件 Send a file"
          hidden
          data-testid="file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void sendFile(file);
            event.target.value = '';
          }}
        />
      </div>
      {showFaces && (
        <div className="face-picker" data-testid="face-picker">
          {faces.map((face) => (
            <button
              key={face.id}
              title={face.name}
              onClick={() => {
                insert(faceToken(face));
                setShowFaces(false);
              }}
              data-testid={`face-${face.id}`}
            >
              {face.emoji}
            </button>
          ))}
        </div>
      )}
      {props.replyTo && (
        <div className="reply-preview" data-testid="reply-preview">
          <span>回复 {previewOf(props.replyTo, props.peer.type === 'group' ? props.peer.id : props.replyTo.user_id).slice(0, 80)}</span>
          <button className="icon-button" onClick={props.onCancelReply} aria-label="取消回复">
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {attachments.length > 0 && (
        <div className="attachments">
          {attachments.map((attachment, index) => (
            <div key={attachment.uploaded.file + index} className="attachment">
              <img src={attachment.preview} alt={attachment.uploaded.name} />
              <button
                className="icon-button"
                onClick={() => setAttachments((list) => list.filter((_, i) => i !== index))}
                aria-label="移除"
              >
                <Icon name="close" size={16} />
              </button>
            </div>
          ))}
        </div>
      )}
      {candidates.length > 0 && (
        <div className="mention-popup" data-testid="mention-popup">
          {candidates.map((candidate, index) => (
            <div
              key={String(candidate.qq)}
              className={`mention-option${index === highlight ? ' active' : ''}`}
              onMouseDown={(event) => {
                event.preventDefault();
                addMention(candidate, true);
              }}
            >
              @{candidate.name} <span className="muted small">{candidate.qq === 'all' ? '' : candidate.qq}</span>
            </div>
          ))}
        </div>
      )}
      <textarea
        ref={textRef}
        className="composer-input"
        aria-label={`消息 Message as ${worldData.nameOf(props.selfId)}`}
        value={text}
        placeholder={`以 ${worldData.nameOf(props.selfId)} 的身份发送… (Enter 发送, Shift+Enter 换行)`}
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        data-testid="composer-input"
      />
      <div className="composer-foot">
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
        <button
          className="primary"
          disabled={busy || (!text.trim() && attachments.length === 0)}
          onClick={() => void send()}
          data-testid="send"
        >
          发送
        </button>
      </div>
    </div>
  );
}
