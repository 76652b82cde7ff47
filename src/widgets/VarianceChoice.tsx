/**
 * The same trained model sampled twice with DDPM and the same seed (so the same x_T and the same
 * z draws), once with σ²_t = β_t and once with σ²_t = σ̃²_t (eq. 6.2), side by side, each with its
 * energy-distance ratio to held-out data. A small chart shows where the two variances differ.
 */
import { useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { ScatterPanel } from '../charts/ScatterPanel';
import { usePanelSize } from '../charts/usePanelSize';
import { XYLineChart } from '../charts/XYLineChart';
import type { DdpmVariance } from '../engine/ddpmStep';
import { meanPairedDistance } from '../engine/sampleQuality';
import { makeSchedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import { ModelStatus } from './ModelStatus';
import { fmtRatio, useYardstick } from './useYardstick';
import './sampling.css';

const N = 1000;
const SEED = 3;
const ZOOM = 50;
const RUNS: Array<{ variance: DdpmVariance; title: string; color: string }> = [
  { variance: 'beta', title: 'σ²ₜ = βₜ', color: PALETTE.blue },
  { variance: 'posterior', title: 'σ²ₜ = σ̃²ₜ (posterior)', color: PALETTE.vermillion },
];

interface Result {
  points: Float32Array;
  ratio: number;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));

export default function VarianceChoice() {
  const ready = useRun((s) => s.status === 'ready');
  const config = useRun((s) => s.config);
  const progress = useRun((s) => s.sampleProgress);
  const yardstick = useYardstick();
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const [panelsRef, panelPx] = usePanelSize(2);
  const [results, setResults] = useState<Partial<Record<DdpmVariance, Result>>>({});
  const [running, setRunning] = useState<DdpmVariance | null>(null);
  const [interrupted, setInterrupted] = useState(false);

  const run = async (): Promise<void> => {
    setResults({});
    setInterrupted(false);
    for (const { variance } of RUNS) {
      setRunning(variance);
      const points = await getEngineClient()
        .sample({ ...DEFAULT_SAMPLING, method: 'ddpm', n: N, variance, seed: SEED, trace: [], traceEvery: 1 })
        .catch(() => null);
      if (!points) {
        setInterrupted(true);
        break;
      }
      await nextFrame(); // paint the progress first; the ratio takes a few ms
      setResults((r) => ({ ...r, [variance]: { points, ratio: yardstick.ratio(points) } }));
    }
    setRunning(null);
  };

  const a = results.beta;
  const b = results.posterior;
  const upTo = Math.min(config.T, ZOOM);
  const ts = Array.from({ length: upTo }, (_, i) => i + 1);
  return (
    <div className="widget-body sampling-widget" data-testid="variance-choice">
      <div className="widget-controls">
        <button type="button" onClick={() => void run()} disabled={!ready || running !== null}>
          {a || b ? 'Sample both again' : 'Sample with both variances'}
        </button>
        <span className="sampling-status" aria-live="polite">
          {running && `DDPM with ${running === 'beta' ? 'σ²ₜ = βₜ' : 'σ²ₜ = σ̃²ₜ'}: ${Math.round(progress * 100)}% of ${config.T} steps`}
          {!running && interrupted && 'Stopped: another widget started sampling. Press the button again.'}
          {!running && !interrupted && a && b && `Same seed, so the same x_T and the same z draws: the two runs end ${meanPairedDistance(a.points, b.points, 2).toFixed(3)} apart per point on average.`}
        </span>
      </div>
      <div className="sampling-panels" ref={panelsRef}>
        {RUNS.map(({ variance, title, color }) => {
          const r = results[variance];
          return (
            <ScatterPanel size={panelPx} key={variance} title={title} points={r?.points ?? null} color={color} testId={`variance-${variance}`}
              label={`${N} DDPM samples with ${title}`} empty={running === variance ? 'sampling…' : 'not sampled yet'}>
              {r && (
                <>energy-distance ratio <strong data-testid="ed-ratio">{fmtRatio(r.ratio)}</strong></>
              )}
            </ScatterPanel>
          );
        })}
        <div style={{ flex: '1 1 220px', minWidth: 220 }}>
          <XYLineChart
            description={`σ̃²ₜ / βₜ for t = 1 … ${upTo}: 0 at t = 1, close to 1 after a few dozen steps`}
            xLabel="timestep t (first steps only)"
            yLabel="σ̃²ₜ / βₜ"
            xDomain={[1, upTo]}
            yDomain={[0, 1]}
            height={200}
            series={[{ key: 'ratio', label: 'σ̃²ₜ / βₜ', x: ts, y: ts.map((t) => schedule.posteriorVariance[t - 1]! / schedule.betas[t - 1]!), color: PALETTE.vermillion }]}
          />
          <p className="sampling-note">The two variances agree except in the last few steps, where σ̃²ₜ drops to 0 at t = 1. The energy-distance ratio is 1 for N(0, I) noise and 0 for samples indistinguishable from held-out data.</p>
        </div>
      </div>
      <ModelStatus />
    </div>
  );
}
