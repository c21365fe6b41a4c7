import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TranscriptEntryView } from '@contract';
import { api } from '../api/client';
import { attempt } from '../ui/attempt';
import { transcriptStore, useTranscript } from './transcript-store';

/** The world's time of an entry, to the millisecond (a frozen clock shows many entries at one instant). */
const worldTime = (ms: number) => {
  const date = new Date(ms);
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
};

function TimelineRow(props: { entry: TranscriptEntryView }) {
  const { entry } = props;
  if (entry.kind === 'mark') {
    return (
      <div className="timeline-mark" data-testid="timeline-mark" data-seq={entry.seq}>
        <span>
          {entry.line} <span className="small">(since={entry.seq})</span>
        </span>
        <span className="muted small">{worldTime(entry.time)}</span>
      </div>
    );
  }
  const failed = entry.kind === 'call' && 'status' in entry && entry.status === 'failed';
  return (
    <div className="timeline-row" data-testid="timeline-entry" data-kind={entry.kind} data-seq={entry.seq}>
      <span className="log-time">{worldTime(entry.time)}</span>
      <span className={`timeline-kind timeline-kind-${entry.kind}`}>{entry.kind}</span>
      <span className={failed ? 'log-failed' : ''}>{entry.line}</span>
    </div>
  );
}

/**
 * The transcript a test reads, live: messages, recalls, reactions, notices, requests, every
 * account's OneBot calls, clock jumps and restores, in order, with marks as dividers. "Mark"
 * adds one, as a test does before it acts, so what follows can be read or waited on since it.
 */
export function TimelinePage() {
  const { entries, error } = useTranscript();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [filter, setFilter] = useState('');
  const list = useRef<HTMLDivElement>(null);
  // The kinds present, to filter by (marks always show: they are the dividers).
  const kinds = [...new Set(entries.map((entry) => entry.kind))].filter((each) => each !== 'mark').sort();
  const shown = entries.filter(
    (entry) =>
      (!kind || entry.kind === kind || entry.kind === 'mark') && (!filter || entry.line.toLowerCase().includes(filter.toLowerCase())),
  );

  // Follow the newest entry, unless the reader has scrolled up to look at older ones.
  const following = useRef(true);
  useEffect(() => {
    const element = list.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [shown.length]);

  const mark = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = name.trim();
    // Cleared only if it still holds the name just marked: a name typed while the mark was being
    // added is the next one, and stays.
    if (await attempt(() => api('POST /api/world/marks', { body: chosen ? { name: chosen } : {} })))
      setName((current) => (current.trim() === chosen ? '' : current));
  };

  return (
    <div className="manage-page timeline-page" data-testid="timeline-page">
      <h2>时间线 · Timeline</h2>
      <div className="card-head">
        <form className="form-row" onSubmit={(event) => void mark(event)}>
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-label="标记名 Mark name"
            placeholder="标记名 Mark name (optional)"
            size={28}
            data-testid="mark-name"
          />
          <button type="submit" className="primary" data-testid="mark-add">
            标记 Mark
          </button>
        </form>
        <div className="form-row">
          <select aria-label="类型 Kind" value={kind} onChange={(event) => setKind(event.target.value)} data-testid="timeline-kind">
            <option value="">全部 All kinds</option>
            {kinds.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
          <input
            aria-label="过滤时间线 Filter the timeline"
            placeholder="过滤 Filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            data-testid="timeline-filter"
          />
          <button className="secondary" onClick={() => transcriptStore.clear()}>
            清空 Clear
          </button>
        </div>
      </div>
      {error && <div className="form-error">{error}</div>}
      <div
        className="log timeline"
        ref={list}
        data-testid="timeline"
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
        }}
      >
        {shown.length === 0 && <div className="muted pad">Nothing yet. What happens in the world and every bot call appear here live.</div>}
        {shown.map((entry) => (
          <TimelineRow key={entry.seq} entry={entry} />
        ))}
      </div>
    </div>
  );
}
