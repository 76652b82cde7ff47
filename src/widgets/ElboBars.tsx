/**
 * The negative ELBO of eq. 5.5 for a batch of training points, split into the prior term L_T,
 * the summed step terms Σ L_{t−1} and the decoder term L_0, in nats per point. The worker
 * evaluates the (weight-averaged) network once per timestep, so this runs on request.
 */
import { useEffect, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { BarChart } from '../charts/BarChart';
import { PALETTE } from '../charts/palette';
import { XYLineChart } from '../charts/XYLineChart';
import { useRun } from '../state/runStore';
import type { ElboResult } from '../session/client';

/** Points scored: the first N of the training set, with the same noise draws every time. */
const N = 200;
const SEED = 7;
/** Per-step terms are averaged over this many bins of t for the small chart (one draw per step is noisy). */
const BINS = 50;

/** A subscript inside SVG text. */
const Sub = ({ children }: { children: string }) => <tspan baselineShift="sub" fontSize="0.8em">{children}</tspan>;
/** "+ 1.23" or "− 1.23", for a term in a written-out sum. */
const signed = (v: number): string => `${v < 0 ? '−' : '+'} ${fmt(Math.abs(v))}`;

const fmt = (v: number): string => (!Number.isFinite(v) ? '–' : (v !== 0 && Math.abs(v) < 0.01 ? v.toExponential(1) : v.toFixed(2)).replace('-', '−'));

interface Computed extends ElboResult {
  step: number;
  seconds: number;
  T: number;
}

/** Mean of L_{t−1} over equal bins of t = 2 … T; x is each bin's middle t. */
function binSteps(stepKl: Float64Array): { x: number[]; y: number[] } {
  const T = stepKl.length;
  const count = Math.min(BINS, T - 1);
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < count; b++) {
    const from = 1 + Math.floor((b * (T - 1)) / count); // index i = t − 1, from t = 2
    const to = 1 + Math.floor(((b + 1) * (T - 1)) / count);
    let sum = 0;
    for (let i = from; i < to; i++) sum += stepKl[i]!;
    x.push((from + to - 1) / 2 + 1);
    y.push(sum / (to - from));
  }
  return { x, y };
}

export default function ElboBars() {
  useEffect(() => void getEngineClient(), []);
  const ready = useRun((s) => s.status === 'ready');
  const step = useRun((s) => s.step);
  const training = useRun((s) => s.training);
  const [result, setResult] = useState<Computed | null>(null);
  const [busySince, setBusySince] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  /** Timesteps evaluated so far, as a fraction of T (from the worker's progress reports). */
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const T = useRun((s) => s.config.T);

  useEffect(() => {
    if (busySince === null) return;
    const timer = setInterval(() => setElapsed((performance.now() - busySince) / 1000), 250);
    return () => clearInterval(timer);
  }, [busySince]);

  const compute = async (): Promise<void> => {
    const start = performance.now();
    setBusySince(start);
    setElapsed(0);
    setProgress(0);
    setError(null);
    const atStep = step;
    try {
      const r = await getEngineClient().elbo(N, SEED, (done, total) => setProgress(done / total));
      setResult({ ...r, step: atStep, seconds: (performance.now() - start) / 1000, T: r.stepKl.length });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusySince(null);
    }
  };

  let stepSum = 0;
  if (result) for (let i = 0; i < result.stepKl.length; i++) stepSum += result.stepKl[i]!;
  const partsSum = result ? result.prior + stepSum + result.decoder : Number.NaN;
  const bitsPerDim = result ? result.total / (2 * Math.LN2) : Number.NaN;
  const binned = result ? binSteps(result.stepKl) : null;
  const busy = busySince !== null;

  return (
    <div className="widget-body" data-testid="elbo-bars" aria-busy={busy}>
      <div className="widget-controls">
        <button type="button" onClick={() => void compute()} disabled={!ready || busy}>
          {busy ? `Computing… ${elapsed.toFixed(1)} s` : result ? 'Compute again' : 'Compute the bound'}
        </button>
        {busy && <progress className="elbo-progress" max={1} value={progress} aria-label="timesteps evaluated" data-testid="elbo-progress" />}
        <span className="widget-readout" role="status">
          {busy
            ? `Evaluating the network at all ${T} timesteps for ${N} training points: ${Math.round(progress * T)} of ${T} done${training ? '; training waits meanwhile' : ''}.`
            : result
              ? `Computed at step ${result.step} in ${result.seconds.toFixed(1)} s${step !== result.step ? ` (the model is now at step ${step})` : ''}.`
              : `Scores the first ${N} training points, one noise draw per timestep (${T} network evaluations).`}
        </span>
      </div>
      {error && <p className="notice notice-error" role="alert">The bound could not be computed: {error}</p>}
      {!result && !busy && (
        <p className="widget-planned">
          {step === 0 ? 'The model is untrained: compute the bound now, then train in the panel above and compute it again to watch it fall.' : 'Press the button to compute the bound for the model as it is now.'}
        </p>
      )}
      {result && (
        <>
          <BarChart
            description={`Negative ELBO ${fmt(result.total)} nats per point: L_T ${fmt(result.prior)}, sum of step terms ${fmt(stepSum)}, L_0 ${fmt(result.decoder)}`}
            yLabel="nats per point"
            format={fmt}
            bars={[
              { key: 'prior', label: <>L<Sub>T</Sub></>, value: result.prior, color: PALETTE.grey },
              { key: 'steps', label: <>Σ L<Sub>t−1</Sub>, t = 2…{result.T}</>, value: stepSum, color: PALETTE.blue },
              { key: 'decoder', label: <>L<Sub>0</Sub></>, value: result.decoder, color: PALETTE.orange },
              { key: 'total', label: '−ELBO (total)', value: result.total, color: PALETTE.vermillion, outline: true },
            ]}
          />
          <p className="widget-readout" data-testid="elbo-sum" data-parts-sum={partsSum} data-total={result.total}>
            L<sub>T</sub> + Σ L<sub>t−1</sub> + L<sub>0</sub> = {fmt(result.prior)} {signed(stepSum)} {signed(result.decoder)} = {fmt(partsSum)} nats per point
            {Math.abs(partsSum - result.total) <= 1e-6 * Math.max(1, Math.abs(result.total)) ? ' ✓ equals the total' : ` ✗ but the worker reports ${fmt(result.total)}`}
            {' '}({fmt(bitsPerDim)} bits per dimension).
          </p>
          {binned && (
            <XYLineChart
              description={`Step terms L_(t−1) against t, averaged over ${binned.x.length} bins`}
              xLabel="timestep t"
              yLabel="L(t−1), nats per point"
              height={180}
              series={[{ key: 'stepKl', label: 'L(t−1)', x: binned.x, y: binned.y, color: PALETTE.blue }]}
              xDomain={[1, result.T]}
              yDomain={[Math.min(0, ...binned.y), Math.max(1e-3, ...binned.y)]}
            />
          )}
          <p className="chart-note">
            Each L<sub>t−1</sub> above is averaged over {Math.round((result.T - 1) / Math.min(BINS, result.T - 1))} neighbouring steps. One bit per dimension is 2 ln 2 ≈ 1.39 nats per 2D point. The same points and noise draws are used every time, so a change between two computations comes from the network alone.
          </p>
        </>
      )}
    </div>
  );
}
