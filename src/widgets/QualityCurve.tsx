/**
 * Sample quality over training: every 250 training steps (while training runs and the toggle is
 * on) the model draws 500 points with DDIM in 50 steps (all T of them when T is smaller), and the
 * energy distance (eq. 5.10) to held-out data is plotted as a ratio to that of N(0, I) noise:
 * noise scores 1, lower is better. A long run keeps at most MAX_POINTS measurements (older ones
 * thinned out, the recent ones all kept), and the chart's text description sums them up rather
 * than listing each, so the page stays the same size however long it trains.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { PointLineChart } from '../charts/PointLineChart';
import { fromUserPoints, makeDataset } from '../engine/datasets';
import { energyDistance } from '../engine/metrics';
import { makeRng } from '../engine/rng';
import { runStore, useRun, type RunState } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import type { SessionConfig } from '../worker/protocol';

const EVERY = 250;
const N = 500;
const SAMPLING = { ...DEFAULT_SAMPLING, n: N };
/** The most measurements kept (and drawn); the newest RECENT of them are never thinned. */
export const MAX_POINTS = 80;
const RECENT = 40;

type Point = { x: number; y: number };

/**
 * At most `max` points: while there are more, every other point older than the newest `recent`
 * goes (the first stays), so old stretches of the curve get coarser and recent ones stay whole.
 */
export function boundPoints(points: Point[], max = MAX_POINTS, recent = RECENT): Point[] {
  let out = points;
  while (out.length > max) {
    const cut = Math.max(1, out.length - recent);
    const older = out.slice(0, cut).filter((_, k) => k % 2 === 0);
    const next = [...older, ...out.slice(cut)];
    if (next.length === out.length) return out.slice(out.length - max);
    out = next;
  }
  return out;
}

/** The curve in words, for screen readers: a summary, not every point. */
export function describeCurve(points: Point[]): string {
  if (points.length === 0) return 'Energy-distance ratio of samples to held-out data over training: no measurements yet';
  const first = points[0]!;
  const latest = points.at(-1)!;
  const best = points.reduce((a, b) => (b.y < a.y ? b : a));
  return `Energy-distance ratio of samples to held-out data over training: ${points.length} measurements from step ${first.x} to ${latest.x}; ` +
    `first ${first.y.toFixed(2)}, lowest ${best.y.toFixed(2)} at step ${best.x}, latest ${latest.y.toFixed(2)}`;
}

interface QualityState {
  /** (training step, energy-distance ratio) measurements for `config`. */
  points: Array<{ x: number; y: number }>;
  /** The session settings the points belong to; a new configure() starts a new curve. */
  config: SessionConfig | null;
  enabled: boolean;
}

/** Kept outside the component so the curve survives leaving and re-opening the chapter. */
const useQuality = create<QualityState>(() => ({ points: [], config: null, enabled: true }));

/** Adds (or replaces) the measurement at `atStep`, keeping the curve bounded. */
export function recordMeasurement(atStep: number, ratio: number): void {
  const kept = useQuality.getState().points.filter((p) => p.x !== atStep);
  useQuality.setState({ points: boundPoints([...kept, { x: atStep, y: ratio }].sort((a, b) => a.x - b.x)) });
}

/** Starts a new curve for `config` (tests use it too). */
export function resetQualityCurve(config: SessionConfig | null): void {
  useQuality.setState({ points: [], config });
}

interface Reference {
  heldOut: Float32Array;
  /** ED(N(0, I) draw, held-out): the denominator of the ratio. */
  noiseEd: number;
  heldOutLabel: string;
}

/** Held-out data for the settings (a fresh draw of the dataset; for drawn points, the points themselves) and the noise baseline. */
function makeReference(config: SessionConfig): Reference {
  const custom = config.dataset === 'custom';
  let heldOut = config.dataset === 'custom' ? fromUserPoints(config.points ?? new Float32Array(0)).points : makeDataset(config.dataset, N, config.seed + 1).points;
  if (heldOut.length > 2 * N) heldOut = heldOut.slice(0, 2 * N);
  const noise = makeRng(20240).normals(2 * N);
  return { heldOut, noiseEd: energyDistance(noise, heldOut, 2), heldOutLabel: custom ? 'your drawn points' : `${N} held-out points` };
}

const shouldMeasure = (s: RunState, points: QualityState['points']): boolean => {
  if (s.status !== 'ready' || !s.training || s.sampling) return false; // never cut into another sampler
  const last = points.at(-1);
  return !last || Math.floor(s.step / EVERY) > Math.floor(last.x / EVERY);
};

/** The measurements kept so far (bounded by MAX_POINTS). */
export const qualityPoints = (): Point[] => useQuality.getState().points;

/** The chart of the curve: one marker per kept measurement, and a summary for screen readers. */
export function QualityChart({ points, step }: { points: Point[]; step: number }) {
  const maxStep = Math.max(EVERY, step, points.at(-1)?.x ?? 0);
  // Untrained samples can land far off (ratios in the thousands), so the axis is logarithmic.
  const finite = points.map((p) => p.y).filter((v) => v > 0 && Number.isFinite(v));
  const yDomain: [number, number] = [Math.min(0.05, ...finite.map((v) => v / 1.5)), Math.max(2, ...finite.map((v) => v * 1.5))];
  return (
    <PointLineChart
      description={describeCurve(points)}
      xLabel="training step"
      yLabel="ED ratio (log scale)"
      points={points}
      color={PALETTE.blue}
      references={[{ y: 1, label: 'N(0, I) noise = 1', color: PALETTE.vermillion }]}
      xDomain={[0, maxStep]}
      yDomain={yDomain}
      yLog
    />
  );
}

export default function QualityCurve() {
  useEffect(() => void getEngineClient(), []);
  const config = useRun((s) => s.config);
  const ready = useRun((s) => s.status === 'ready');
  const sampling = useRun((s) => s.sampling);
  const step = useRun((s) => s.step);
  const { points, enabled } = useQuality();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggleId = useId();
  const reference = useMemo(() => {
    try {
      return makeReference(config);
    } catch {
      return null; // e.g. drawn points not valid yet; the widget says so below
    }
  }, [config]);
  const busy = useRef(false);

  const measure = async (atStep: number, forConfig: SessionConfig): Promise<void> => {
    if (busy.current || !reference) return;
    busy.current = true;
    setPending(true);
    try {
      // The client clamps DDIM's 50 steps to T when T is smaller.
      const samples = await getEngineClient().sample(SAMPLING);
      // Superseded by someone else's sample (null) or the settings changed meanwhile: no point.
      if (!samples || runStore.getState().config !== forConfig) return;
      const ratio = energyDistance(samples, reference.heldOut, 2) / reference.noiseEd;
      recordMeasurement(atStep, ratio);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
      setPending(false);
    }
  };
  const measureRef = useRef(measure);
  measureRef.current = measure;

  // A new session (configure) starts a new curve.
  useEffect(() => {
    if (useQuality.getState().config !== config) useQuality.setState({ points: [], config });
  }, [config]);

  // Watch training without re-rendering on every progress event.
  useEffect(() => {
    const check = (s: RunState): void => {
      const q = useQuality.getState();
      if (!q.enabled || busy.current || q.config !== s.config) return;
      if (shouldMeasure(s, q.points)) void measureRef.current(s.step, s.config);
    };
    check(runStore.getState());
    return runStore.subscribe(check);
  }, []);

  const latest = points.at(-1);

  return (
    <div className="widget-body" data-testid="quality-curve" data-points={points.length} data-latest={latest?.y ?? ''} aria-busy={pending}>
      <div className="widget-controls">
        <label htmlFor={toggleId} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
          <input id={toggleId} type="checkbox" checked={enabled} onChange={(e) => useQuality.setState({ enabled: e.target.checked })} />
          measure every {EVERY} steps while training
        </label>
        <button type="button" disabled={!ready || pending || sampling || !reference} onClick={() => void measure(step, config)}>
          {pending ? 'Sampling…' : 'Measure now'}
        </button>
        <span className="widget-readout" role="status">
          {latest ? `latest: ${latest.y.toFixed(3)} at step ${latest.x}` : 'no measurements yet'}
          {pending ? ' · drawing 500 samples…' : ''}
        </span>
      </div>
      {!reference && <p className="notice notice-warning">The current training points can't be compared: train on a valid dataset first.</p>}
      {error && <p className="notice notice-error" role="alert">The measurement failed: {error}</p>}
      <QualityChart points={points} step={step} />
      <p className="chart-note">
        Each point: {N} samples (DDIM, {Math.min(SAMPLING.steps, config.T)} steps, the same starting noise each time) against {reference?.heldOutLabel ?? 'the data'}, as
        ED(samples, data) / ED(noise, data). Samples from a perfect model still score a little above 0, since both sets are finite.
        {step === 0 && !points.length ? ' Start training in the panel above to fill the curve in.' : ''}
      </p>
    </div>
  );
}
