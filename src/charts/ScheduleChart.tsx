/**
 * The noise-schedule chart: β_t, ᾱ_t and SNR(t) on a log axis against t for every schedule kind, with a control
 * for T and a legend whose entries highlight their lines on hover or focus.
 */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { SCHEDULE_KINDS } from '../engine/schedule';
import { isValidT, T_MAX, T_MIN, useScheduleStore } from '../state/scheduleStore';
import { updateSettings, useSettings } from '../state/settingsStore';
import { LinePanel, type LineSeries } from './LinePanel';
import { KIND_STYLE, scheduleSeries } from './scheduleSeries';

export function ScheduleChart() {
  const T = useSettings((s) => s.T);
  const highlighted = useScheduleStore((s) => s.highlighted);
  const series = useMemo(() => scheduleSeries(T), [T]);

  const toLines = (pick: 'betas' | 'alphaBars' | 'snr'): LineSeries[] =>
    series.map((s) => ({ key: s.kind, values: s[pick], ...KIND_STYLE[s.kind] }));

  return (
    <div className="schedule-chart" data-testid="schedule-chart">
      <div className="chart-controls">
        <TControl />
        <Legend />
      </div>
      <div className="chart-panels">
        <LinePanel
          title="β_t: noise variance added at each step (log scale)"
          caption={<>β<sub>t</sub>: noise variance added at each step (log scale)</>}
          description={`β_t against timestep t for t = 1 to ${T}, one line per schedule: ${SCHEDULE_KINDS.join(', ')}.`}
          xLabel="timestep t"
          yLabel="β_t"
          yScale="log"
          series={toLines('betas')}
          highlighted={highlighted}
        />
        <LinePanel
          title="ᾱ_t: signal variance left at step t (√ᾱ_t scales x_0)"
          caption={<>ᾱ<sub>t</sub>: signal variance left at step t (√ᾱ<sub>t</sub> scales x<sub>0</sub>)</>}
          description={`ᾱ_t against timestep t for t = 1 to ${T}; it falls from about 1 towards 0 for every schedule.`}
          xLabel="timestep t"
          yLabel="ᾱ_t"
          yScale="linear"
          series={toLines('alphaBars')}
          highlighted={highlighted}
        />
        <LinePanel
          title="SNR(t) = ᾱ_t / (1 − ᾱ_t): signal-to-noise ratio (log scale)"
          caption={<>SNR(t) = ᾱ<sub>t</sub> / (1 − ᾱ<sub>t</sub>): signal-to-noise ratio (log scale)</>}
          description={`The signal-to-noise ratio against timestep t for t = 1 to ${T}, on a log axis; it crosses 1 where signal and noise have equal variance.`}
          xLabel="timestep t"
          yLabel="SNR(t)"
          yScale="log"
          series={toLines('snr')}
          highlighted={highlighted}
        />
      </div>
      <p className="chart-note">
        The cosine schedule is defined through ᾱ<sub>t</sub>, so its β<sub>t</sub> climbs steeply near t = T (capped
        at 0.999). Linear and cosine are the schedules in common use. Linear, quadratic and sigmoid multiply β by
        1000 / T, which keeps ᾱ<sub>T</sub> within a factor of 2 of its T = 1000 value for T ≥ 120 and a factor of 10
        for T ≥ 50; for smaller T it falls far lower (at T = 10, half the linear β are capped and ᾱ<sub>T</sub> ≈ 10<sup>−17</sup>).
      </p>
    </div>
  );
}

/** Number input for T; invalid drafts are shown as such and leave the chart unchanged. */
function TControl() {
  const T = useSettings((s) => s.T);
  const setT = (value: number) => isValidT(value) && updateSettings({ T: value });
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const hintId = useId();
  const text = draft ?? String(T);
  const valid = isValidT(Number(text));

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    setDraft(e.target.value);
    const n = Number(e.target.value);
    if (e.target.value.trim() !== '' && isValidT(n)) setT(n);
  };

  return (
    <div className="t-control widget-knob">
      <label htmlFor={id}>Timesteps T</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={T_MIN}
        max={T_MAX}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={hintId}
        onChange={onChange}
        onBlur={() => setDraft(null)}
      />
      <span id={hintId} className={valid ? 'hint' : 'hint hint-error'}>
        a whole number, {T_MIN}–{T_MAX}
      </span>
    </div>
  );
}

function Legend() {
  const highlighted = useScheduleStore((s) => s.highlighted);
  const setHighlighted = useScheduleStore((s) => s.setHighlighted);
  return (
    <ul className="legend" aria-label="Schedules (hover or focus to highlight)">
      {SCHEDULE_KINDS.map((kind) => {
        const { label, color, dash } = KIND_STYLE[kind];
        return (
          <li key={kind}>
            <button
              type="button"
              className={highlighted === kind ? 'legend-item active' : 'legend-item'}
              onMouseEnter={() => setHighlighted(kind)}
              onMouseLeave={() => setHighlighted(null)}
              onFocus={() => setHighlighted(kind)}
              onBlur={() => setHighlighted(null)}
            >
              <svg width="28" height="10" aria-hidden="true">
                <line x1="1" x2="27" y1="5" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dash} />
              </svg>
              {label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
