/**
 * The naive additive walk x_t = x_{t−1} + s·ε beside the DDPM chain of eq. 3.1: the variance of
 * each, in closed form (v₀ + t·s² and ᾱ_t v₀ + 1 − ᾱ_t, eq. 3.9 and 3.10) and as measured on
 * simulated walkers.
 */
import { useMemo, useState } from 'react';
import { LinePanel } from '../charts/LinePanel';
import { PALETTE } from '../charts/palette';
import { chainVariance, forwardStep, naiveWalkStep, naiveWalkVariance } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { moments } from '../engine/sampleStats';
import { Slider } from './Slider';
import { LegendKey } from '../charts/LegendKey';

const T = 1000;
const WALKERS = 400;
const schedule = makeSchedule({ kind: 'linear', T });

function simulate(stepSize: number): { naive: Float64Array; chain: Float64Array } {
  const rng = makeRng(7);
  let naive: Float32Array = rng.normals(WALKERS);
  let chain: Float32Array = Float32Array.from(naive);
  const out = { naive: new Float64Array(T), chain: new Float64Array(T) };
  for (let i = 0; i < T; i++) {
    naive = naiveWalkStep(naive, rng.normals(WALKERS), stepSize);
    chain = forwardStep(chain, rng.normals(WALKERS), i, schedule);
    out.naive[i] = moments(naive).variance;
    out.chain[i] = moments(chain).variance;
  }
  return out;
}

export default function NaiveVsChain() {
  const [s, setS] = useState(0.1);
  const simulated = useMemo(() => simulate(s), [s]);
  const naive = Float64Array.from({ length: T }, (_, i) => naiveWalkVariance(i + 1, s, 1));
  const chain = Float64Array.from({ length: T }, (_, i) => chainVariance(i, schedule, 1));
  const series = [
    { key: 'naive', values: naive, color: PALETTE.vermillion, dash: undefined },
    { key: 'naive-sim', values: simulated.naive, color: PALETTE.orange, dash: '2 3' },
    { key: 'chain', values: chain, color: PALETTE.blue, dash: undefined },
    { key: 'chain-sim', values: simulated.chain, color: PALETTE.sky, dash: '2 3' },
  ];
  return (
    <div className="widget-body" data-testid="naive-vs-vp">
      <div className="widget-controls">
        <Slider label="naive step size s" value={s} min={0.02} max={0.3} step={0.01} onChange={setS} format={(v) => v.toFixed(2)} />
      </div>
      <LinePanel
        title="Variance of x_t: naive walk vs the DDPM chain"
        description={`Variance against t. The naive walk grows to ${naive[T - 1]!.toFixed(1)}; the DDPM chain stays at 1.`}
        xLabel="timestep t"
        yLabel="Var[x_t]"
        yScale="linear"
        series={series}
        highlighted={null}
        height={260}
      />
      <ul className="xy-legend">
        <LegendKey color={PALETTE.vermillion} mark="line">naive walk, v₀ + t·s²</LegendKey>
        <LegendKey color={PALETTE.orange} mark="dashed">naive walk, {WALKERS} simulated walkers</LegendKey>
        <LegendKey color={PALETTE.blue} mark="line">DDPM chain, ᾱ_t v₀ + 1 − ᾱ_t</LegendKey>
        <LegendKey color={PALETTE.sky} mark="dashed">DDPM chain, simulated</LegendKey>
      </ul>
    </div>
  );
}
