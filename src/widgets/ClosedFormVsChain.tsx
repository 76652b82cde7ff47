/**
 * Runs the step-by-step chain of eq. 3.1 on many copies of one starting value and compares the
 * measured mean and variance with the closed form q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t) (eq. 3.4).
 * The schedule and T are the page's shared settings (the forward scrubber and the schedule chart
 * show the same chain); only the starting value is this widget's own.
 */
import { useMemo, useState } from 'react';
import { LinePanel } from '../charts/LinePanel';
import { PALETTE } from '../charts/palette';
import { forwardStep, qMoments } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { moments } from '../engine/sampleStats';
import { makeSchedule } from '../engine/schedule';
import { useSettings } from '../state/settingsStore';
import { SettingControl } from './controls/SettingControl';
import { Slider } from './Slider';
import { LegendKey } from '../charts/LegendKey';

const COPIES = 500;

export default function ClosedFormVsChain() {
  const [x0, setX0] = useState(2);
  const kind = useSettings((s) => s.schedule);
  const T = useSettings((s) => s.T);
  const schedule = useMemo(() => makeSchedule({ kind, T }), [kind, T]);
  const measured = useMemo(() => {
    const rng = makeRng(3);
    let x: Float32Array = new Float32Array(COPIES).fill(x0);
    const mean = new Float64Array(T);
    const variance = new Float64Array(T);
    for (let i = 0; i < T; i++) {
      x = forwardStep(x, rng.normals(COPIES), i, schedule);
      const m = moments(x);
      mean[i] = m.mean;
      variance[i] = m.variance;
    }
    return { mean, variance };
  }, [x0, schedule]);
  const closedMean = Float64Array.from({ length: T }, (_, i) => qMoments(i, schedule).meanCoef * x0);
  const closedVar = Float64Array.from({ length: T }, (_, i) => qMoments(i, schedule).variance);
  const series = [
    { key: 'closed-mean', values: closedMean, color: PALETTE.blue, dash: undefined },
    { key: 'chain-mean', values: measured.mean, color: PALETTE.sky, dash: '2 3' },
    { key: 'closed-var', values: closedVar, color: PALETTE.vermillion, dash: undefined },
    { key: 'chain-var', values: measured.variance, color: PALETTE.orange, dash: '2 3' },
  ];
  return (
    <div className="widget-body" data-testid="closed-form-vs-chain">
      <div className="widget-controls">
        <Slider label="starting value x₀" value={x0} min={-3} max={3} step={0.1} onChange={setX0} format={(v) => v.toFixed(1)} />
        <SettingControl settingKey="schedule" />
      </div>
      <LinePanel title="Mean and variance of x_t: closed form vs the chain" description={`Closed form and ${COPIES} simulated chains from x0 = ${x0}`} xLabel="timestep t" yLabel="value" yScale="linear" series={series} highlighted={null} height={260} />
      <ul className="xy-legend">
        <LegendKey color={PALETTE.blue} mark="line">mean, closed form √ᾱ_t x₀</LegendKey>
        <LegendKey color={PALETTE.sky} mark="dashed">mean of {COPIES} chains</LegendKey>
        <LegendKey color={PALETTE.vermillion} mark="line">variance, closed form 1 − ᾱ_t</LegendKey>
        <LegendKey color={PALETTE.orange} mark="dashed">variance of {COPIES} chains</LegendKey>
      </ul>
    </div>
  );
}
