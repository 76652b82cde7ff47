/**
 * A few data points are noised to x_t; the network's ε̂ then gives its guess of where each came
 * from, x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t (eq. 4.6). Lines join x_t to x̂_0; green dots are the truth.
 */
import { scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import { PALETTE } from '../charts/palette';
import { makeDataset } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { predictX0FromEps } from '../engine/posterior';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import { updateSettings, useSettings } from '../state/settingsStore';
import { Slider } from './Slider';
import { useEpsPrediction } from './useEpsPrediction';
import { LegendKey } from '../charts/LegendKey';

const SIZE = 340;
const EXTENT = 3;
const N = 12;
const x0 = makeDataset('twoMoons', N, 5).points;
const noise = makeRng(6).normals(2 * N);

export default function X0Predictions() {
  const config = useRun((s) => s.config);
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const t = Math.max(1, Math.min(useSettings((s) => s.t), config.T));
  const xt = useMemo(() => qSample(x0, noise, t - 1, schedule), [t, schedule]);
  const eps = useEpsPrediction(xt, t - 1);
  const x0hat = eps && eps.length === xt.length ? predictX0FromEps(xt, eps, t - 1, schedule) : null;
  const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, SIZE]);
  const y = scaleLinear().domain([-EXTENT, EXTENT]).range([SIZE, 0]);
  const clampX = (v: number) => x(Math.max(-EXTENT, Math.min(EXTENT, v)));
  const clampY = (v: number) => y(Math.max(-EXTENT, Math.min(EXTENT, v)));
  return (
    <div className="widget-body" data-testid="x0-predictions">
      <div className="widget-controls">
        <Slider label="timestep t" setting="t" value={t} min={1} max={config.T} step={1} onChange={(v) => updateSettings({ t: v })} />
      </div>
      <svg width={SIZE} height={SIZE} role="img" aria-label={`Predicted clean points for ${N} noisy points at t = ${t}`}>
        <rect width={SIZE} height={SIZE} fill="var(--panel)" stroke="var(--border)" />
        {Array.from({ length: N }, (_, p) => (
          <g key={p}>
            {x0hat && <line x1={clampX(xt[2 * p]!)} y1={clampY(xt[2 * p + 1]!)} x2={clampX(x0hat[2 * p]!)} y2={clampY(x0hat[2 * p + 1]!)} stroke={PALETTE.grey} />}
            <circle cx={clampX(x0[2 * p]!)} cy={clampY(x0[2 * p + 1]!)} r={4} fill={PALETTE.green} />
            <circle cx={clampX(xt[2 * p]!)} cy={clampY(xt[2 * p + 1]!)} r={4} fill={PALETTE.vermillion} />
            {x0hat && <circle cx={clampX(x0hat[2 * p]!)} cy={clampY(x0hat[2 * p + 1]!)} r={4} fill="none" stroke={PALETTE.blue} strokeWidth={2} data-x0hat={p} />}
          </g>
        ))}
      </svg>
      <ul className="xy-legend">
        <LegendKey color={PALETTE.green} mark="dot">true x₀</LegendKey>
        <LegendKey color={PALETTE.vermillion} mark="dot">noisy xₜ</LegendKey>
        <LegendKey color={PALETTE.blue} mark="ring">predicted x̂₀</LegendKey>
      </ul>
    </div>
  );
}
