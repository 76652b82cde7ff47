/**
 * The plane coloured by the denoising-error anomaly score of eq. 7.5, averaged over three
 * moderate timesteps, from the trained (weight-averaged) network. Click the map, or type x and
 * y, to score one location and see where it falls among the scores of training points.
 */
import { interpolateViridis, scaleSequentialLog } from 'd3';
import { useEffect, useId, useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { HeatmapCanvas } from '../charts/HeatmapCanvas';
import { denoisingScores, percentileOf, timestepsAtNoise } from '../engine/anomalyScore';
import { fromUserPoints, makeDataset } from '../engine/datasets';
import type { EpsFn } from '../engine/elbo';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import type { SessionConfig } from '../worker/protocol';

const GRID = 40;
const EXTENT = 3;
/** Noise variances 1 − ᾱ_t of the timesteps averaged over: light, moderate and heavier noise. */
const NOISE_LEVELS = [0.05, 0.15, 0.3];
const MAP_DRAWS = 4;
/** Single points and the training reference get more draws, so their scores are steadier. */
const POINT_DRAWS = 32;
const N_REFERENCE = 300;
const RESCORE_EVERY = 250;
const SETTLE_MS = 400;

const grid = Float32Array.from({ length: GRID * GRID * 2 }, (_, k) => {
  const p = Math.floor(k / 2);
  const v = k % 2 === 0 ? p % GRID : Math.floor(p / GRID);
  return -EXTENT + (2 * EXTENT * (v + 0.5)) / GRID;
});

/** The first training points of the session (the same generator and seed the worker uses). */
function trainingPoints(config: SessionConfig): Float32Array | null {
  try {
    const all = config.dataset === 'custom' ? fromUserPoints(config.points ?? new Float32Array(0)).points : makeDataset(config.dataset, config.nPoints, config.seed).points;
    return all.slice(0, 2 * N_REFERENCE);
  } catch {
    return null;
  }
}

const epsFn: EpsFn = (xt, i) => getEngineClient().predict(xt, i);
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));

interface Scored {
  map: Float64Array;
  reference: Float64Array;
  step: number;
}

export default function AnomalyMap() {
  useEffect(() => void getEngineClient(), []);
  const config = useRun((s) => s.config);
  const ready = useRun((s) => s.status === 'ready');
  const step = useRun((s) => s.step);
  const training = useRun((s) => s.training);
  // While training runs, rescore every RESCORE_EVERY steps; otherwise after any change of the weights.
  const version = training ? `every ${Math.floor(step / RESCORE_EVERY)}` : `at ${step}`;
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const timesteps = useMemo(() => timestepsAtNoise(schedule, NOISE_LEVELS), [schedule]);
  const data = useMemo(() => trainingPoints(config), [config]);
  const [scored, setScored] = useState<Scored | null>(null);
  const [pick, setPick] = useState<{ x: number; y: number; score: number | null } | null>(null);
  const [fields, setFields] = useState({ x: '2.5', y: '2.5' });
  const [error, setError] = useState<string | null>(null);
  const xId = useId();
  const yId = useId();

  // Score the grid and the training reference again when the model moves on or the settings change.
  useEffect(() => {
    if (!ready || !data) return;
    let current = true;
    const atStep = step;
    // Wait until the weights settle for a moment (step(n) reports progress as it goes).
    const timer = setTimeout(() => {
      (async () => {
        // Fixed seeds: the same noise draws every time, so the map changes only with the network.
        const map = await denoisingScores({ points: grid, dim: 2, schedule, timesteps, draws: MAP_DRAWS, rng: makeRng(31), epsFn });
        const reference = await denoisingScores({ points: data, dim: 2, schedule, timesteps, draws: POINT_DRAWS, rng: makeRng(32), epsFn });
        if (current) setScored({ map, reference, step: atStep });
      })().catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `step` is left out on purpose: `version` says when the weights changed enough to rescore.
  }, [ready, data, schedule, timesteps, version]);

  const scorePoint = async (x: number, y: number): Promise<void> => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      setError('x and y must be numbers.');
      return;
    }
    setError(null);
    setPick({ x, y, score: null });
    try {
      const [score] = await denoisingScores({ points: Float32Array.of(x, y), dim: 2, schedule, timesteps, draws: POINT_DRAWS, rng: makeRng(33), epsFn });
      setPick((p) => (p && p.x === x && p.y === y ? { x, y, score: score! } : p));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // A picked point is rescored with the map, so its percentile compares like with like.
  useEffect(() => {
    if (pick && scored) void scorePoint(pick.x, pick.y);
  }, [scored]);

  const color = useMemo(() => {
    let lo = Infinity;
    let hi = 0;
    if (scored) for (const v of scored.map) if (v > 0) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    if (!(hi > lo)) (lo = 0.1), (hi = 10);
    return scaleSequentialLog(interpolateViridis).domain([lo, hi]).clamp(true);
  }, [scored]);

  const percentile = pick?.score != null && scored ? percentileOf(pick.score, scored.reference) : null;
  const median = scored ? Array.from(scored.reference).sort((a, b) => a - b)[scored.reference.length >> 1]! : null;
  const ts = timesteps.map((i) => i + 1);

  return (
    <div className="widget-body" data-testid="anomaly-map" data-step={scored?.step ?? ''} aria-busy={!scored}>
      <div className="widget-controls">
        <form
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' }}
          onSubmit={(e) => {
            e.preventDefault();
            void scorePoint(Number(fields.x), Number(fields.y));
          }}
        >
          <label htmlFor={xId}>x₁</label>
          <input id={xId} type="number" step="0.1" value={fields.x} onChange={(e) => setFields((f) => ({ ...f, x: e.target.value }))} style={{ width: '5em' }} />
          <label htmlFor={yId}>x₂</label>
          <input id={yId} type="number" step="0.1" value={fields.y} onChange={(e) => setFields((f) => ({ ...f, y: e.target.value }))} style={{ width: '5em' }} />
          <button type="submit" disabled={!ready}>Score this point</button>
        </form>
        <span className="widget-readout" role="status" data-testid="anomaly-pick" data-score={pick?.score ?? ''} data-percentile={percentile ?? ''}>
          {pick
            ? pick.score == null
              ? `scoring (${pick.x.toFixed(2)}, ${pick.y.toFixed(2)})…`
              : `score at (${pick.x.toFixed(2)}, ${pick.y.toFixed(2)}): ${fmt(pick.score)}${percentile != null ? `, higher than ${(100 * percentile).toFixed(0)}% of training points` : ''}`
            : 'Click the map or enter a point to score it.'}
        </span>
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {step === 0 && <p className="notice notice-info">The model is untrained, so this map is not meaningful yet: train it in chapter 5 (or below, on your own points) and it will update.</p>}
      <HeatmapCanvas
        values={scored?.map ?? null}
        grid={GRID}
        extent={EXTENT}
        color={color}
        log
        points={data ?? undefined}
        marker={pick}
        onPick={(x, y) => {
          setFields({ x: x.toFixed(2), y: y.toFixed(2) });
          void scorePoint(x, y);
        }}
        label={`Anomaly score over the plane after ${scored?.step ?? 0} training steps; brighter is more anomalous. Click to score a point.`}
        legendTitle="denoising error s(x), log scale"
      />
      <p className="chart-note">
        Brighter means more anomalous. s(x) averages ‖ε − ε̂‖² at t = {ts.join(', ')} (noise variance 1 − ᾱ_t ≈ {NOISE_LEVELS.join(', ')}) over {MAP_DRAWS} noise draws per
        cell ({POINT_DRAWS} for a scored point and for the {data ? data.length / 2 : 0} training points shown{median != null ? `, whose median score is ${fmt(median)}` : ''}).
        {scored ? ` Scored at step ${scored.step}.` : ' Scoring…'}
      </p>
    </div>
  );
}
