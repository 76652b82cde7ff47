/**
 * The exact reverse step for one point: given x_0 and a noisy x_t, the posterior
 * q(x_{t−1} | x_t, x_0) = N(μ̃_t, σ̃²_t I) (eq. 4.3–4.5) drawn as its mean and its 1σ and 2σ
 * circles, beside 200 draws from it. Drag t, or pick another data point.
 */
import { scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import { PALETTE } from '../charts/palette';
import { makeDataset } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { posteriorMean } from '../engine/posterior';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { Slider } from './Slider';
import { updateSettings, useSettings } from '../state/settingsStore';
import { LegendKey } from '../charts/LegendKey';

const data = makeDataset('twoMoons', 400, 1).points;
const SIZE = 320;
const EXTENT = 3;

export default function PosteriorEllipse() {
  const T = useSettings((s) => s.T);
  const kind = useSettings((s) => s.schedule);
  const schedule = useMemo(() => makeSchedule({ kind, T }), [kind, T]);
  const t = Math.max(2, Math.min(useSettings((s) => s.t), T));
  const [index, setIndex] = useState(0);
  const i = t - 1;
  const x0 = data.subarray(2 * index, 2 * index + 2);
  const xt = useMemo(() => qSample(x0, makeRng(index + 1).normals(2), i, schedule), [x0, i, index, schedule]);
  const mean = posteriorMean(x0, xt, i, schedule);
  const sd = Math.sqrt(schedule.posteriorVariance[i]!);
  const draws = useMemo(() => {
    const rng = makeRng(99);
    return Array.from({ length: 200 }, () => [mean[0]! + sd * rng.normal(), mean[1]! + sd * rng.normal()] as const);
  }, [mean[0], mean[1], sd]);
  const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, SIZE]);
  const y = scaleLinear().domain([-EXTENT, EXTENT]).range([SIZE, 0]);
  const r = (v: number) => x(v) - x(0);

  return (
    <div className="widget-body" data-testid="posterior-ellipse">
      <div className="widget-controls">
        <Slider label="timestep t" setting="t" value={t} min={2} max={T} step={1} onChange={(v) => updateSettings({ t: v })} />
        <Slider label="data point" value={index} min={0} max={199} step={1} onChange={setIndex} />
      </div>
      <svg width={SIZE} height={SIZE} role="img" aria-label={`Posterior of x at t minus 1 given x_t and x_0, at t = ${t}`} className="posterior-plot">
        <rect width={SIZE} height={SIZE} fill="var(--panel)" stroke="var(--border)" />
        {Array.from({ length: data.length / 2 }, (_, k) => (
          <circle key={k} cx={x(data[2 * k]!)} cy={y(data[2 * k + 1]!)} r={1.5} fill="var(--data-faint)" />
        ))}
        {draws.map(([a, b], k) => <circle key={`d${k}`} cx={x(a)} cy={y(b)} r={1.5} fill={PALETTE.sky} opacity={0.6} />)}
        <circle cx={x(mean[0]!)} cy={y(mean[1]!)} r={r(2 * sd)} fill="none" stroke={PALETTE.blue} strokeDasharray="4 3" />
        <circle cx={x(mean[0]!)} cy={y(mean[1]!)} r={r(sd)} fill="none" stroke={PALETTE.blue} />
        <line x1={x(xt[0]!)} y1={y(xt[1]!)} x2={x(mean[0]!)} y2={y(mean[1]!)} stroke={PALETTE.grey} />
        <circle cx={x(x0[0]!)} cy={y(x0[1]!)} r={5} fill={PALETTE.green} data-testid="x0" />
        <circle cx={x(xt[0]!)} cy={y(xt[1]!)} r={5} fill={PALETTE.vermillion} />
        <circle cx={x(mean[0]!)} cy={y(mean[1]!)} r={4} fill={PALETTE.blue} />
      </svg>
      <ul className="xy-legend">
        <LegendKey color={PALETTE.green} mark="dot">x₀, the clean point</LegendKey>
        <LegendKey color={PALETTE.vermillion} mark="dot">xₜ, its noisy version</LegendKey>
        <LegendKey color={PALETTE.blue} mark="dot">μ̃ₜ with 1σ̃ and 2σ̃ circles</LegendKey>
        <LegendKey color={PALETTE.sky} mark="dot">draws of x₍ₜ₋₁₎</LegendKey>
      </ul>
      <p className="widget-readout">
        σ̃ₜ = <strong data-testid="posterior-sd">{sd.toFixed(4)}</strong> (√βₜ = {Math.sqrt(schedule.betas[i]!).toFixed(4)}). The mean sits between xₜ and x₀:
        {' '}{schedule.posteriorMeanCoef2[i]!.toFixed(3)} · xₜ + {schedule.posteriorMeanCoef1[i]!.toFixed(3)} · x₀.
      </p>
    </div>
  );
}
