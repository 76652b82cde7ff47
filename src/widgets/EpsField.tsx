/**
 * The trained network's noise prediction ε̂(x, t) over the plane at one t, drawn as arrows of
 * −ε̂ (the direction that removes the predicted noise, towards the data; it is proportional to
 * the score ∇ log q(x_t)), each centred on its grid point and drawn with a head. Drag t: at large t
 * the arrows point to the origin, at small t to the moons.
 */
import { scaleLinear } from 'd3';
import { arrowHead } from '../charts/arrowHead';
import { PALETTE } from '../charts/palette';
import { makeDataset } from '../engine/datasets';
import { useRun } from '../state/runStore';
import { updateSettings, useSettings } from '../state/settingsStore';
import { Slider } from './Slider';
import { useEpsPrediction } from './useEpsPrediction';

const SIZE = 340;
const EXTENT = 3;
const GRID = 19;
const grid = Float32Array.from({ length: GRID * GRID * 2 }, (_, k) => {
  const p = Math.floor(k / 2);
  const v = k % 2 === 0 ? p % GRID : Math.floor(p / GRID);
  return -EXTENT + (2 * EXTENT * (v + 0.5)) / GRID;
});
const data = makeDataset('twoMoons', 500, 1).points;
/** The longest arrow at a t spans this fraction of the grid spacing; each arrow is centred on its grid point. */
const ARROW_MAX = 0.85;

export default function EpsField() {
  const T = useRun((s) => s.config.T);
  const t = Math.max(1, Math.min(useSettings((s) => s.t), T));
  const eps = useEpsPrediction(grid, t - 1);
  const step = useRun((s) => s.step);
  const status = useRun((s) => s.status);
  const loading = useRun((s) => s.modelLoading);
  const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, SIZE]);
  const y = scaleLinear().domain([-EXTENT, EXTENT]).range([SIZE, 0]);
  const cell = SIZE / GRID;
  let maxLen = 1e-9;
  if (eps) for (let p = 0; p < GRID * GRID; p++) maxLen = Math.max(maxLen, Math.hypot(eps[2 * p]!, eps[2 * p + 1]!));
  return (
    <div className="widget-body" data-testid="eps-field">
      <div className="widget-controls">
        <Slider label="timestep t" setting="t" value={t} min={1} max={T} step={1} onChange={(v) => updateSettings({ t: v })} />
        <span className="widget-readout" data-testid="eps-model">
          {status === 'starting' ? 'starting the engine…' : loading ? 'loading the model…' : `model after ${step} training steps${step === 0 ? ' (untrained: train it in chapter 5)' : ''}`}
        </span>
      </div>
      <svg width={SIZE} height={SIZE} role="img" aria-label={`Arrows of minus the predicted noise at t = ${t}`}>
        <rect width={SIZE} height={SIZE} fill="var(--panel)" stroke="var(--border)" />
        {Array.from({ length: data.length / 2 }, (_, k) => (
          <circle key={k} cx={x(data[2 * k]!)} cy={y(data[2 * k + 1]!)} r={1.4} fill="var(--data-faint)" />
        ))}
        {eps &&
          Array.from({ length: GRID * GRID }, (_, p) => {
            const gx = x(grid[2 * p]!);
            const gy = y(grid[2 * p + 1]!);
            const scale = (ARROW_MAX * cell) / maxLen;
            const dx = -eps[2 * p]! * scale;
            const dy = eps[2 * p + 1]! * scale; // screen y points down
            const [x1, y1, x2, y2] = [gx - dx / 2, gy - dy / 2, gx + dx / 2, gy + dy / 2];
            const head = arrowHead(x1, y1, x2, y2);
            return (
              <g key={p}>
                <line x1={x1} y1={y1} x2={head ? head.baseX : x2} y2={head ? head.baseY : y2} stroke={PALETTE.blue} strokeWidth={1.5} data-arrow={p} />
                {head && <path d={head.d} fill={PALETTE.blue} data-arrow-head={p} />}
              </g>
            );
          })}
      </svg>
      <p className="widget-readout">Arrows show −ε̂, the direction that removes the predicted noise (towards the data). Arrow length is relative: the longest arrow at this t spans most of the gap between grid points.</p>
    </div>
  );
}
