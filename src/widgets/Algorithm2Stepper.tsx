/**
 * Algorithm 2 (sampling, corrected) one line at a time on four points: x_T ~ N(0, I), then for
 * t = T … 1 draw z (none at t = 1), ask the worker for ε̂ = ε_θ(x_t, t), form the mean of eq. 4.9
 * and x_{t−1} = μ + σ_t z (eq. 6.1). The arithmetic runs here with the engine's pure step
 * functions; only ε̂ comes from the worker. Skip buttons run whole iterations, since T lines
 * of four points each are too many to click through.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getEngineClient } from '../session/engineClient';
import { TrailPlot } from '../charts/TrailPlot';
import { ddpmStep, ddpmStepVariance, type DdpmVariance } from '../engine/ddpmStep';
import { reverseMeanFromEps } from '../engine/posterior';
import { makeDataset } from '../engine/datasets';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import { useSettings } from '../state/settingsStore';
import { ModelStatus } from './ModelStatus';
import './sampling.css';

const B = 4;
const LINES = [
  'x_T ~ N(0, I)',
  'for t = T, T − 1, …, 1:',
  '    z ~ N(0, I) if t > 1, else z = 0',
  '    ε̂ = ε_θ(xₜ, t)',
  '    μ = (xₜ − βₜ/√(1 − ᾱₜ) · ε̂) / √αₜ',
  '    xₜ₋₁ = μ + σₜ z',
  'return x₀',
] as const;
const LAST = LINES.length - 1;

/** The chain's state: x holds x_t; the rest are this iteration's values, null until computed. */
interface Chain {
  t: number;
  x: Float32Array;
  z: Float32Array | null;
  eps: Float32Array | null;
  mu: Float32Array | null;
  next: Float32Array | null;
  /** x_T, …, x_t: the path so far, for the plot. */
  trail: Float32Array[];
}

const startNoise = (round: number) => makeRng(4242 + round).normals(2 * B);
/** z for step t of a round: fixed per (round, t), so skipping and stepping give the same chain. */
const stepNoise = (round: number, t: number) => makeRng(round * 1_000_003 + t + 17).normals(2 * B);
/**
 * The four points as (x, y) pairs. A pair never breaks inside (nowrap),
 * and the space between pairs lies outside the nowrap spans, so the list wraps between pairs
 * to fit the card (a space inside a nowrap span is no place to break).
 */
const fmt = (a: ArrayLike<number>): ReactNode =>
  Array.from({ length: B }, (_, p) => (
    <Fragment key={p}>
      {p > 0 && ' '}
      <span className="pair">{`(${a[2 * p]!.toFixed(3)}, ${a[2 * p + 1]!.toFixed(3)})`}</span>
    </Fragment>
  ));

function fresh(round: number, T: number): Chain {
  const x = startNoise(round);
  return { t: T, x, z: null, eps: null, mu: null, next: null, trail: [x] };
}

/** One full iteration at t: z, ε̂ from the worker, x_{t−1}. */
async function iterate(c: Chain, round: number, schedule: Schedule, variance: DdpmVariance): Promise<Float32Array> {
  const z = c.t > 1 ? stepNoise(round, c.t) : new Float32Array(2 * B);
  const eps = await getEngineClient().predict(c.x, c.t - 1);
  return ddpmStep({ xt: c.x, eps, i: c.t - 1, schedule, variance, noise: z });
}

export default function Algorithm2Stepper() {
  const config = useRun((s) => s.config);
  const ready = useRun((s) => s.status === 'ready');
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const [variance, setVariance] = useState<DdpmVariance>('beta');
  const [round, setRound] = useState(0);
  const [line, setLine] = useState(-1);
  const [chain, setChain] = useState<Chain>(() => fresh(0, config.T));
  const [busy, setBusy] = useState<'line' | 'skip' | null>(null);
  const stop = useRef(false);
  const data = useMemo(() => (config.dataset === 'custom' ? null : makeDataset(config.dataset, 400, 3).points), [config.dataset]);

  // New settings (T or schedule) make the chain meaningless: start over.
  useEffect(() => {
    stop.current = true;
    setLine(-1);
    setChain(fresh(0, schedule.T));
    setRound(0);
  }, [schedule]);

  const next = async (): Promise<void> => {
    if (line === LAST) {
      setRound(round + 1);
      setChain(fresh(round + 1, schedule.T));
      setLine(0);
      return;
    }
    const c = chain;
    switch (line) {
      case -1:
        setChain(fresh(round, schedule.T));
        break;
      case 1:
        setChain({ ...c, z: c.t > 1 ? stepNoise(round, c.t) : new Float32Array(2 * B) });
        break;
      case 2: {
        setBusy('line');
        try {
          const eps = await getEngineClient().predict(c.x, c.t - 1);
          setChain({ ...c, eps });
        } catch {
          return; // the worker restarted or the request was refused; the line stays put
        } finally {
          setBusy(null);
        }
        break;
      }
      case 3:
        setChain({ ...c, mu: reverseMeanFromEps(c.x, c.eps!, c.t - 1, schedule) });
        break;
      case 4:
        setChain({ ...c, next: ddpmStep({ xt: c.x, eps: c.eps!, i: c.t - 1, schedule, variance, noise: c.z! }) });
        break;
      case 5:
        if (c.t > 1) {
          setChain({ t: c.t - 1, x: c.next!, z: null, eps: null, mu: null, next: null, trail: [...c.trail, c.next!] });
          setLine(1);
          return;
        }
        setLine(LAST);
        return;
    }
    setLine(line + 1);
  };

  /** Runs whole iterations until t = target (≥ 1), then waits at the loop head. */
  const skipTo = async (target: number): Promise<void> => {
    stop.current = false;
    setBusy('skip');
    let c = line === -1 ? fresh(round, schedule.T) : chain;
    let lastPaint = performance.now();
    try {
      while (c.t > target && !stop.current) {
        const x = await iterate(c, round, schedule, variance);
        c = { t: c.t - 1, x, z: null, eps: null, mu: null, next: null, trail: [...c.trail, x] };
        if (performance.now() - lastPaint > 100) {
          lastPaint = performance.now();
          setChain(c);
          setLine(1);
        }
      }
    } catch {
      // a worker restart mid-run: keep what was computed
    } finally {
      setChain(c);
      setLine(1);
      setBusy(null);
    }
  };

  const sigma = Math.sqrt(ddpmStepVariance(chain.t - 1, schedule, variance));
  const t = chain.t;
  const values: ReactNode[] = [
    fmt(chain.trail[0]!),
    <>t = <strong data-testid="current-t">{t}</strong>, xₜ = {fmt(chain.x)}</>,
    chain.z ? (t > 1 ? fmt(chain.z) : 'z = 0: the last step adds no noise') : null,
    chain.eps ? <>with t = {t}: {fmt(chain.eps)}</> : null,
    chain.mu ? fmt(chain.mu) : null,
    chain.next ? <>σₜ = {variance === 'beta' ? '√βₜ' : '√σ̃²ₜ'} = <span data-testid="sigma">{sigma.toPrecision(4)}</span>{t === 1 ? ' (unused: z = 0)' : ''}: {fmt(chain.next)}</> : null,
    line === LAST && chain.next ? fmt(chain.next) : null,
  ];
  const atEnd = line === LAST;
  const controlsHidden = useSettings((s) => s.controls === 'hidden');
  const canSkip = ready && !busy && !atEnd && t > 1;

  return (
    <div className="widget-body sampling-widget algorithm2" data-testid="algorithm2-stepper" data-t={t} data-line={line}>
      <div className="widget-controls">
        <label>
          noise variance{' '}
          <select value={variance} onChange={(e) => setVariance(e.target.value as DdpmVariance)} disabled={busy !== null}>
            <option value="beta">σ²ₜ = βₜ (as Algorithm 2 is usually printed)</option>
            <option value="posterior">σ²ₜ = σ̃²ₜ (the posterior variance, eq. 6.2)</option>
          </select>
        </label>
      </div>
      <div className="algorithm2-layout">
        <ol className="algorithm" start={1}>
          {LINES.map((text, k) => (
            <li key={text} className={k === line ? 'current' : k < line ? 'done' : ''} aria-current={k === line ? 'step' : undefined}>
              <code className={text.startsWith('    ') ? 'loop-body' : undefined}>{text.trim()}</code>
              {k <= line && values[k] && <span className="algorithm-value" data-line={k}>{values[k]}</span>}
            </li>
          ))}
        </ol>
        <TrailPlot trail={chain.trail} n={B} background={data} label={`The four points' paths from x_T to x_${t}, over the data in grey`} />
      </div>
      <div className="stepper-buttons">
        {!controlsHidden && (
          <>
            <button type="button" onClick={() => void next()} disabled={!ready || busy !== null} data-testid="algorithm2-next">
              {atEnd ? 'New x_T' : line === -1 ? 'Run line 1' : `Run line ${line === 5 && t > 1 ? 2 : line + 2}`}
            </button>
            <button type="button" onClick={() => void skipTo(Math.max(1, t - 10))} disabled={!canSkip}>Skip 10 steps</button>
            <button type="button" onClick={() => void skipTo(Math.max(1, t - 100))} disabled={!canSkip}>Skip 100 steps</button>
            <button type="button" onClick={() => void skipTo(1)} disabled={!canSkip}>Run to t = 1</button>
          </>
        )}
        {busy === 'skip' && (
          <button type="button" onClick={() => (stop.current = true)}>Stop</button>
        )}
        <span className="sampling-status" aria-live="polite">
          {busy === 'skip' ? `running… t = ${t}` : atEnd ? 'x₀ reached: these four points are samples.' : `σ²ₜ = ${variance === 'beta' ? 'βₜ' : 'σ̃²ₜ'} in this run`}
        </span>
      </div>
      <ModelStatus />
    </div>
  );
}
