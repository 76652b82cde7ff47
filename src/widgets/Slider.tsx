/** A labelled range slider with its value shown; keyboard-accessible as a native range input. */
import { useId } from 'react';
import type { SettingKey } from '../state/settingsTable';
import { useControlShown } from './controls/useControlShown';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  format?: (value: number) => string;
  /** The shared setting this slider changes (t): then a link's `hide` naming it hides the slider. */
  setting?: SettingKey;
}

export function Slider({ setting, ...props }: SliderProps) {
  const shown = useControlShown(setting ?? 'hide');
  return setting && !shown ? null : <PlainSlider {...props} />;
}

function PlainSlider({ label, value, min, max, step, onChange, format = String }: Omit<SliderProps, 'setting'>) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} aria-valuetext={format(value)} />
      <output htmlFor={id}>{format(value)}</output>
    </div>
  );
}
