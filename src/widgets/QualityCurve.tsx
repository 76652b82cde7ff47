/**
 * Sample quality over training: every 250 training steps (while training runs and the toggle is
 * on) the model draws 500 points with DDIM in 50 steps, and the energy distance (eq. 5.10) to
 * held-out data is plotted as a ratio to that of N(0, I) noise: noise scores 1, lower is better.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { getEngineClient } from '../app/engineClient';
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

interface QualityState {
  /** (training step, energy-distance ratio) measurements for `config`. */
  points: Array<{ x: number; y: number }>;
  /** The session settings the points belong to; a new configure() starts a new curve. */
  config: SessionConfig | null;
  enabled: boolean;
}

/** Kept outside the component so the curve survives leaving and re-opening the chapter. */
const useQuality = create<QualityState>(() => ({ points: [], config: null, enabled: true }));

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
      const samples = await getEngineClient().sample(SAMPLING);
      // Superseded by someone else's sample (null) or the settings changed meanwhile: no point.
      if (!samples || runStore.getState().config !== forConfig) return;
      const ratio = energyDistance(samples, reference.heldOut, 2) / reference.noiseEd;
      const kept = useQuality.getState().points.filter((p) => p.x !== atStep);
      useQuality.setState({ points: [...kept, { x: atStep, y: ratio }].sort((a, b) => a.x - b.x) });
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
  const maxStep = Math.max(EVERY, step, latest?.x ?? 0);
  // Untrained samples can land far off (ratios in the thousands), so the axis is logarithmic.
  const finite = points.map((p) => p.y).filter((v) => v > 0 && Number.isFinite(v));
  const yDomain: [number, number] = [Math.min(0.05, ...finite.map((v) => v / 1.5)), Math.max(2, ...finite.map((v) => v * 1.5))];

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
      <PointLineChart
        description={`Energy-distance ratio of samples to held-out data over training: ${points.map((p) => `${p.y.toFixed(2)} at step ${p.x}`).join(', ') || 'no measurements yet'}`}
        xLabel="training step"
        yLabel="ED ratio (log scale)"
        points={points}
        color={PALETTE.blue}
        references={[{ y: 1, label: 'N(0, I) noise = 1', color: PALETTE.vermillion }]}
        xDomain={[0, maxStep]}
        yDomain={yDomain}
        yLog
      />
      <p className="chart-note">
        Each point: {N} samples (DDIM, 50 steps, the same starting noise each time) against {reference?.heldOutLabel ?? 'the data'}, as
        ED(samples, data) / ED(noise, data). Samples from a perfect model still score a little above 0, since both sets are finite.
        {step === 0 && !points.length ? ' Start training in the panel above to fill the curve in.' : ''}
      </p>
    </div>
  );
}
