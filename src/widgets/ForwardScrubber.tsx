/**
 * The forward process on a 2D dataset: drag t and every point moves to
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (eq. 3.5). Each point keeps its own ε, so the picture changes
 * smoothly with t; the marginals of x_t approach N(0, 1).
 */
import { useMemo } from 'react';
import { MarginalHistogram } from '../charts/MarginalHistogram';
import { ScatterCanvas } from '../charts/ScatterCanvas';
import { makeDataset } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { updateSettings, useSettings } from '../state/settingsStore';
import { SettingControl } from './controls/SettingControl';
import { Slider } from './Slider';

const N = 1500;

export default function ForwardScrubber() {
  // Dataset, schedule, T and t are the shared settings: every widget (and the link) sees the same.
  const dataset = useSettings((s) => s.dataset);
  const kind = useSettings((s) => s.schedule);
  const T = useSettings((s) => s.T);
  const t = useSettings((s) => s.t);
  const x0 = useMemo(() => makeDataset(dataset, N, 1).points, [dataset]);
  const eps = useMemo(() => makeRng(2).normals(2 * N), []);
  const schedule = useMemo(() => makeSchedule({ kind, T }), [kind, T]);
  const xt = useMemo(() => (t === 0 ? x0 : qSample(x0, eps, t - 1, schedule)), [x0, eps, t, schedule]);
  const axis = (k: number) => Float32Array.from({ length: N }, (_, p) => xt[2 * p + k]!);
  const alphaBar = t === 0 ? 1 : schedule.alphaBars[t - 1]!;

  return (
    <div className="widget-body" data-testid="forward-scrubber">
      <div className="widget-controls">
        <SettingControl settingKey="dataset" />
        <SettingControl settingKey="schedule" />
        <Slider label="timestep t" setting="t" value={t} min={0} max={T} step={1} onChange={(v) => updateSettings({ t: v })} />
      </div>
      <div className="forward-views">
        <ScatterCanvas points={xt} label={`${N} points of ${dataset} at t = ${t}`} />
        <div className="forward-marginals">
          <MarginalHistogram values={axis(0)} label="first coordinate of xₜ" />
          <MarginalHistogram values={axis(1)} label="second coordinate of xₜ" />
          <p className="widget-readout">
            {/* The t shown, in words too: the slider that also says it is hidden with controls=hidden. */}
            <strong data-testid="forward-t" data-record-readout="">t = {t}</strong> of {T}: ᾱ_t = <strong data-testid="alpha-bar">{alphaBar.toPrecision(4)}</strong>: x_t keeps √ᾱ_t = {Math.sqrt(alphaBar).toFixed(3)} of x_0 and
            adds noise of standard deviation √(1 − ᾱ_t) = {Math.sqrt(1 - alphaBar).toFixed(3)}. The orange curve is N(0, 1).
          </p>
        </div>
      </div>
    </div>
  );
}
