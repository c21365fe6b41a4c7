import { useEffect, useState, type FormEvent } from 'react';
import type { AdminApi } from '@contract';
import { api } from '../api/client';
import { useLiveFrames } from '../api/live';
import { useLoad } from '../api/world-data';
import { attempt } from '../ui/attempt';

type ClockChange = NonNullable<AdminApi['POST /api/clock']['body']>;

const steps = ['90s', '10m', '1h', '1d'] as const;

/** The time a running clock shows now: the server's answer moved on by the real time since. */
function useTicking(nowMs: number | undefined, frozen: boolean): number | undefined {
  const [since, setSince] = useState(() => ({ nowMs, at: Date.now() }));
  const [, setTick] = useState(0);
  if (since.nowMs !== nowMs) setSince({ nowMs, at: Date.now() });
  useEffect(() => {
    if (frozen) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [frozen]);
  if (nowMs === undefined) return undefined;
  return frozen ? nowMs : nowMs + (Date.now() - since.at);
}

/**
 * A typed value and its button. Digits alone go out as a number (milliseconds to advance, unix
 * seconds to set), as the API reads them; anything else as typed ("10m", ISO 8601).
 */
function ClockForm(props: {
  /** The input's accessible name: the placeholder is only an example of what to type. */
  name: string;
  placeholder: string;
  size: number;
  label: string;
  testIds: [input: string, button: string];
  onSubmit: (value: number | string) => Promise<boolean>;
}) {
  const [value, setValue] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (text && (await props.onSubmit(/^\d+$/.test(text) ? Number(text) : text))) setValue('');
  };
  return (
    <form className="form-row" onSubmit={(event) => void submit(event)}>
      <input
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-label={props.name}
        placeholder={props.placeholder}
        size={props.size}
        data-testid={props.testIds[0]}
      />
      <button type="submit" className="secondary" disabled={!value.trim()} data-testid={props.testIds[1]}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * The world's one clock (message and event times, mute ends, check-in days read it): freeze it,
 * let it run, set it, or advance it ("90s", "10m", "1d"), as a test of a daily check-in would.
 * Heartbeats and reconnects keep real time.
 */
export function ClockCard() {
  const clock = useLoad(() => api('GET /api/clock'), []);
  // Another console, a test or a restore moves the clock too: the transcript says so.
  useLiveFrames((frame) => {
    if (frame.type === 'transcript' && (frame.entry.kind === 'clock' || frame.entry.kind === 'restore')) clock.reload();
  });
  const frozen = clock.data?.frozen ?? false;
  const shown = useTicking(clock.data?.now_ms, frozen);

  const change = async (body: ClockChange, done: string) => {
    const worked = await attempt(() => api('POST /api/clock', { body }), done);
    clock.reload();
    return worked;
  };
  return (
    <section className="card" data-testid="clock-card">
      <div className="card-head">
        <h3>时钟 Clock</h3>
        <button
          className="secondary"
          data-testid="clock-freeze"
          onClick={() => void change({ freeze: !frozen }, frozen ? '时钟已恢复 Clock running' : '时钟已冻结 Clock frozen')}
        >
          {frozen ? '解冻 Unfreeze' : '冻结 Freeze'}
        </button>
      </div>
      <div className="form-row">
        <span className="clock-now" data-testid="clock-now" data-now-ms={clock.data?.now_ms} data-frozen={String(frozen)}>
          {shown === undefined ? '…' : new Date(shown).toLocaleString(undefined, { hour12: false })}
        </span>
        <span className={`chip${frozen ? ' chip-frozen' : ''}`} data-testid="clock-state">
          {frozen ? '冻结 frozen' : '运行 running'}
        </span>
        {clock.data && <span className="muted small">{clock.data.iso}</span>}
      </div>
      <div className="form-row">
        <span className="muted small">前进 Advance</span>
        {steps.map((step) => (
          <button
            key={step}
            className="secondary"
            data-testid={`clock-advance-${step}`}
            onClick={() => void change({ advance: step }, `前进 Advanced ${step}`)}
          >
            +{step}
          </button>
        ))}
        <ClockForm
          name="前进多久 Advance by"
          placeholder="45m, 2d, ms"
          size={8}
          label="前进 Advance"
          testIds={['clock-advance-by', 'clock-advance']}
          onSubmit={(advance) => change({ advance }, `前进 Advanced ${advance}`)}
        />
      </div>
      <ClockForm
        name="设置时间 Set the time to"
        placeholder="2026-01-01T00:00:00+08:00 or unix seconds"
        size={30}
        label="设置 Set"
        testIds={['clock-set-to', 'clock-set']}
        onSubmit={(set) => change({ set }, `时钟已设置 Set to ${set}`)}
      />
      {clock.error && <div className="form-error">{clock.error}</div>}
    </section>
  );
}
