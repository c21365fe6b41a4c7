import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FaultEffect, FaultPreset, FaultRuleInput } from '@contract';
import { api } from '../api/client';
import { attempt } from '../ui/attempt';

/** NapCat's real failures (docs/faults.md); the compiler checks the list against the contract's. */
const presets = ['risk_control', 'send_timeout', 'not_member', 'logged_out', 'rich_media_failed'] as const satisfies readonly FaultPreset[];
const allPresets: [Exclude<FaultPreset, (typeof presets)[number]>] extends [never] ? true : false = true;
void allPresets;

type EffectType = FaultEffect['type'];

const blank = {
  on: 'action' as 'action' | 'event',
  target: '',
  selfId: '',
  transport: '',
  times: '',
  probability: '',
  effect: 'fail' as EffectType,
  preset: 'risk_control' as FaultPreset | '',
  retcode: '',
  message: '',
  wording: '',
  delayMs: '',
  happened: false,
};
type Form = typeof blank;

/** A typed number as a number; anything else as typed, so the server names the field it refuses. */
const number = (text: string): unknown => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text.trim());
/** A field sent only when filled. */
const optional = (key: string, text: string, as: (text: string) => unknown = (value) => value): Record<string, unknown> =>
  text.trim() ? { [key]: as(text) } : {};

/** The effect as typed (the server checks it, as it checks the whole rule). */
function effectOf(form: Form): Record<string, unknown> {
  const happened = form.happened ? { happened: true } : {};
  switch (form.effect) {
    case 'fail':
      return {
        type: 'fail',
        ...(form.preset && { preset: form.preset }),
        ...optional('retcode', form.retcode, number),
        ...optional('message', form.message),
        ...optional('wording', form.wording),
        ...optional('delay_ms', form.delayMs, number),
        ...happened,
      };
    case 'delay':
      return { type: 'delay', delay_ms: number(form.delayMs || '0') };
    case 'no_reply':
      return { type: 'no_reply', ...happened };
    case 'disconnect':
      return { type: 'disconnect', ...happened };
  }
}

/**
 * Adds a fault rule: which calls (an action name or glob) or HTTP POST events it hits, for which
 * account and transport, how many times and how likely, and what it does to them. The server
 * checks the rule and names a bad field.
 */
export function FaultForm(props: { selfId: number; onAdded: () => void }) {
  const [form, setForm] = useState<Form>({ ...blank, selfId: String(props.selfId) });
  // While a rule is being added the form is disabled: the reset that follows the answer would
  // otherwise throw away whatever was typed in the meantime.
  const [adding, setAdding] = useState(false);
  // Disabling the control that has the focus drops it to the page: it goes back there after.
  const focused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (adding || !focused.current) return;
    if (document.activeElement === document.body) focused.current.focus();
    focused.current = null;
  }, [adding]);
  const edit = (change: Partial<Form>) => setForm((current) => ({ ...current, ...change }));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (adding) return;
    // Built as typed and checked by the server, which names a bad field: the form does not
    // repeat the contract's rules.
    const rule: Record<string, unknown> = {
      ...optional(form.on, form.target),
      ...optional('self_id', form.selfId, number),
      ...optional('transport', form.transport),
      ...optional('times', form.times, number),
      ...optional('probability', form.probability, number),
      effect: effectOf(form),
    };
    focused.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAdding(true);
    const added = await attempt(() => api('POST /api/faults', { body: rule as FaultRuleInput }), '故障规则已添加 Fault rule added');
    setAdding(false);
    if (added) {
      setForm({ ...blank, selfId: form.selfId });
      props.onAdded();
    }
  };

  const field = (key: keyof Form, label: string, placeholder: string, size = 10) => (
    <label className="field">
      {label}
      <input
        value={String(form[key])}
        onChange={(event) => edit({ [key]: event.target.value })}
        placeholder={placeholder}
        size={size}
        data-testid={`fault-${key}`}
      />
    </label>
  );

  return (
    <form className="fault-form" onSubmit={(event) => void add(event)} data-testid="fault-form">
      <fieldset className="fault-fields" disabled={adding}>
        <div className="form-row">
          <label className="field">
            针对 On
            <select value={form.on} onChange={(event) => edit({ on: event.target.value as Form['on'] })} data-testid="fault-on">
              <option value="action">action 调用</option>
              <option value="event">event (HTTP POST)</option>
            </select>
          </label>
          {field(
            'target',
            form.on === 'action' ? 'Action (glob)' : 'Event (glob)',
            form.on === 'action' ? 'send_* (all when empty)' : 'message.group',
            18,
          )}
          {field('selfId', '账号 self_id', 'any account')}
          {field('transport', 'Transport', 'http, ws, ... (any)')}
          {field('times', '次数 Times', 'every call', 8)}
          {field('probability', '概率 Probability', '0..1 (always)', 8)}
        </div>
        <div className="form-row">
          <label className="field">
            效果 Effect
            <select value={form.effect} onChange={(event) => edit({ effect: event.target.value as EffectType })} data-testid="fault-effect">
              <option value="fail">fail 失败</option>
              <option value="delay">delay 延迟</option>
              <option value="no_reply">no_reply 不回复</option>
              <option value="disconnect">disconnect 断开</option>
            </select>
          </label>
          {form.effect === 'fail' && (
            <>
              <label className="field">
                预设 Preset
                <select
                  value={form.preset}
                  onChange={(event) => edit({ preset: event.target.value as Form['preset'] })}
                  data-testid="fault-preset"
                >
                  <option value="">(none)</option>
                  {presets.map((preset) => (
                    <option key={preset} value={preset}>
                      {preset}
                    </option>
                  ))}
                </select>
              </label>
              {field('retcode', 'Retcode', 'preset’s', 8)}
              {field('message', 'Message', 'preset’s', 16)}
              {field('wording', 'Wording', 'the message', 12)}
            </>
          )}
          {(form.effect === 'fail' || form.effect === 'delay') &&
            field('delayMs', 'delay_ms', form.effect === 'delay' ? 'required' : '0', 8)}
          {form.effect !== 'delay' && (
            <label
              className="field field-inline"
              title="The action still happens in the world (a send that succeeds although the bot is told otherwise)"
            >
              <input
                type="checkbox"
                checked={form.happened}
                onChange={(event) => edit({ happened: event.target.checked })}
                data-testid="fault-happened"
              />
              happened
            </label>
          )}
          <button type="submit" className="primary" data-testid="fault-add">
            添加 Add rule
          </button>
        </div>
      </fieldset>
    </form>
  );
}
