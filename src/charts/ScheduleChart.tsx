/**
 * The noise-schedule chart: β_t, ᾱ_t and SNR(t) on a log axis against t for every schedule kind, with the
 * shared T's control (the settings table's row: a link's `hide=T` hides it) and a legend whose entries
 * highlight their lines on hover or focus.
 */
import { useMemo } from 'react';
import { SCHEDULE_KINDS } from '../engine/schedule';
import { describeRange } from '../state/settingRanges';
import { useScheduleStore } from '../state/scheduleStore';
import { useSettings } from '../state/settingsStore';
import { SettingControl } from '../widgets/controls/SettingControl';
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
        <SettingControl settingKey="T" note={describeRange('T')} />
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
