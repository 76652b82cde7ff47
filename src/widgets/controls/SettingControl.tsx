/**
 * The control for one row of the settings table: a slider with a typed entry for a number (log
 * scale for a row with `scale: 'log'`, and the learning rate), a select for a choice, a typed entry
 * with a "New seed" button for the seed. Named by the row's label; a typed value is checked with
 * the table's checkSetting, and one it does not take as given is refused with the reason beside
 * the control, the old value kept. The slider commits when released or still (a model-shaping
 * change rebuilds the engine's model, so not on every pixel). Hidden by `controls=hidden` or when
 * the link's `hide` names it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { describeRange, type NumericKey } from '../../state/settingRanges';
import { updateSettings, useSettings } from '../../state/settingsStore';
import { checkSetting, SETTINGS_TABLE, type SettingKey } from '../../state/settingsTable';
import { whyDisabled } from './settingGroups';
import { formatSettingValue, sliderScale, type NumericRow } from './sliderScale';
import { useControlShown } from './useControlShown';
import './settingControls.css';

type AnyRow = { kind: string; label: string; options?: readonly string[]; optionLabels?: Record<string, string>; scale?: 'linear' | 'log' };
const rowOf = (key: SettingKey): AnyRow => SETTINGS_TABLE[key] as AnyRow;
/** A slider that stops moving commits after this long (a drag by keyboard-less assistive tech sends no release). */
const SETTLE_MS = 400;

interface Props {
  settingKey: SettingKey;
  /** A note beside the control (what a change does, when it applies). */
  note?: ReactNode;
}

export function SettingControl({ settingKey, note }: Props) {
  const shown = useControlShown(settingKey);
  const disabled = useSettings((s) => whyDisabled(settingKey, s));
  if (!shown) return null;
  const row = rowOf(settingKey);
  const props = { settingKey, disabled, note };
  if (settingKey === 'seed' || row.kind === 'seed') return <SeedControl {...props} />;
  if (row.kind === 'enum') return <ChoiceControl {...props} />;
  if (row.kind === 'int' || row.kind === 'float') return <NumberControl {...props} />;
  return null;
}

interface InnerProps {
  settingKey: SettingKey;
  disabled: string | undefined;
  note: ReactNode;
}

/** The line under a control: why it is disabled, a refused entry's reason, or a note. */
function Hint({ id, disabled, problem, note }: { id: string; disabled?: string; problem?: string | null; note?: ReactNode }) {
  return (
    <span id={id} className="setting-hint" aria-live="polite">
      {problem ? <span className="setting-problem" data-testid="setting-problem">{problem}</span> : disabled ? `Disabled: ${disabled}.` : note}
    </span>
  );
}

function ChoiceControl({ settingKey, disabled, note }: InnerProps) {
  const row = rowOf(settingKey);
  const value = useSettings((s) => s[settingKey] as string);
  const id = useId();
  return (
    <div className="setting-control" data-setting={settingKey}>
      <label className="setting-label" htmlFor={id}>{row.label}</label>
      <select id={id} value={value} disabled={disabled !== undefined} aria-describedby={`${id}-hint`} onChange={(e) => updateSettings({ [settingKey]: e.target.value })}>
        {(row.options ?? []).map((o) => <option key={o} value={o}>{row.optionLabels?.[o] ?? o}</option>)}
      </select>
      <Hint id={`${id}-hint`} disabled={disabled} note={note} />
    </div>
  );
}

/** Typed entry: a draft while typing, checked on Enter or leaving the field; a refused one leaves the old value and says why. */
function useTypedEntry(settingKey: SettingKey, value: number) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (): void => {
    if (draft === null) return;
    const raw = draft.trim();
    setDraft(null);
    const checked = checkSetting(settingKey, raw);
    if (checked.value === undefined || checked.notice) {
      setProblem(`${raw === '' ? 'An empty entry' : `“${raw.length > 24 ? `${raw.slice(0, 24)}…` : raw}”`} is not ${describeRange(settingKey as NumericKey)}; kept ${formatSettingValue(value)}.`);
      return;
    }
    setProblem(null);
    if (checked.value !== value) updateSettings({ [settingKey]: checked.value });
  };
  return { text: draft ?? formatSettingValue(value), setDraft, submit, problem, clearProblem: () => setProblem(null) };
}

function NumberControl({ settingKey, disabled, note }: InnerProps) {
  const row = rowOf(settingKey) as AnyRow & NumericRow;
  const value = useSettings((s) => s[settingKey] as number);
  const scale = sliderScale(row, row.scale === 'log' || (row.scale === undefined && settingKey === 'lr'));
  const id = useId();
  const entry = useTypedEntry(settingKey, value);
  // The slider's value before it commits: it moves freely; the setting changes on release or when still.
  const [moving, setMoving] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commit = (): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const v = pending.current;
    pending.current = null;
    setMoving(null);
    if (v !== null) updateSettings({ [settingKey]: v });
  };
  const move = (position: number): void => {
    const v = scale.toValue(position);
    pending.current = v;
    setMoving(v);
    entry.clearProblem();
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(commit, SETTLE_MS);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const shownValue = moving ?? value;
  const off = disabled !== undefined;
  return (
    <div className="setting-control" data-setting={settingKey}>
      <label className="setting-label" id={`${id}-label`} htmlFor={`${id}-entry`}>{row.label}</label>
      <span className="setting-inputs">
        <input
          type="range" min={0} max={scale.positions} step={1} value={scale.toPosition(shownValue)} disabled={off}
          aria-labelledby={`${id}-label`} aria-valuetext={formatSettingValue(shownValue)} aria-describedby={`${id}-hint`}
          onChange={(e) => move(Number(e.target.value))} onPointerUp={commit} onKeyUp={commit} onBlur={commit} onTouchEnd={commit}
        />
        <input
          id={`${id}-entry`} className="setting-entry" type="number" step="any" inputMode="decimal" disabled={off}
          value={moving !== null ? formatSettingValue(moving) : entry.text} aria-labelledby={`${id}-label`}
          aria-invalid={entry.problem !== null} aria-describedby={`${id}-hint`}
          onChange={(e) => entry.setDraft(e.target.value)} onBlur={entry.submit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') entry.submit();
            else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              // One slider stop per arrow, on the row's own scale (an lr of 0.002 + 1 would leave its range).
              e.preventDefault();
              const next = scale.toValue(scale.toPosition(value) + (e.key === 'ArrowUp' ? 1 : -1));
              entry.clearProblem();
              if (next !== value) updateSettings({ [settingKey]: next });
            }
          }}
        />
      </span>
      <Hint id={`${id}-hint`} disabled={disabled} problem={entry.problem} note={note} />
    </div>
  );
}

/** A uniformly drawn seed in the row's range. */
function randomSeed(max: number): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0]! % (max + 1);
}

function SeedControl({ settingKey, disabled, note }: InnerProps) {
  const row = rowOf(settingKey) as AnyRow & NumericRow;
  const value = useSettings((s) => s[settingKey] as number);
  const id = useId();
  const entry = useTypedEntry(settingKey, value);
  const off = disabled !== undefined;
  return (
    <div className="setting-control" data-setting={settingKey}>
      <label className="setting-label" htmlFor={`${id}-entry`}>{row.label}</label>
      <span className="setting-inputs">
        <input
          id={`${id}-entry`} className="setting-entry setting-entry-wide" type="number" step={1} min={row.min} max={row.max} inputMode="numeric" disabled={off}
          value={entry.text} aria-invalid={entry.problem !== null} aria-describedby={`${id}-hint`}
          onChange={(e) => entry.setDraft(e.target.value)} onBlur={entry.submit} onKeyDown={(e) => e.key === 'Enter' && entry.submit()}
        />
        <button type="button" disabled={off} onClick={() => { entry.clearProblem(); updateSettings({ [settingKey]: randomSeed(row.max) }); }}>
          New seed
        </button>
      </span>
      <Hint id={`${id}-hint`} disabled={disabled} problem={entry.problem} note={note} />
    </div>
  );
}
