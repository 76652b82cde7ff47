/**
 * DDPM over all T steps beside DDIM (eq. 6.3–6.4) over a few evenly spaced steps, from the same
 * x_T (same seed) and the same network. Each panel reports its network evaluations, the wall time
 * the page waited for it, and its energy-distance ratio to held-out data. The DDPM run is reused
 * while the model and settings are unchanged, so trying η and step counts only reruns DDIM.
 * Its η and step count are this comparison's own (its DDIM runs whatever the shared `sampler`,
 * `eta` and `steps` say, which drive the training panel's samples): labelled "in this
 * comparison", left by a link's `hide=eta,steps`, hidden by `controls=hidden` (.widget-controls).
 */
import { useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { ScatterPanel } from '../charts/ScatterPanel';
import { usePanelSize } from '../charts/usePanelSize';
import { runStore, useRun } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import type { SampleRequestOptions, SessionConfig } from '../worker/protocol';
import { ModelStatus } from './ModelStatus';
import { Slider } from './Slider';
import { fmtRatio, useYardstick } from './useYardstick';
import './sampling.css';

const N = 1000;
const SEED = 5;
const STEP_CHOICES = [10, 20, 50, 100, 250];

interface Result {
  points: Float32Array;
  ratio: number;
  seconds: number;
  evaluations: number;
  /** What produced it: the model's training step and settings, and the sampler's. */
  step: number;
  config: SessionConfig;
  label: string;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));

export default function DdpmVsDdim() {
  const ready = useRun((s) => s.status === 'ready');
  const T = useRun((s) => s.config.T);
  const progress = useRun((s) => s.sampleProgress);
  const yardstick = useYardstick();
  const [panelsRef, panelPx] = usePanelSize(2);
  const [eta, setEta] = useState(0);
  const [steps, setSteps] = useState(50);
  const [ddpm, setDdpm] = useState<Result | null>(null);
  const [ddim, setDdim] = useState<Result | null>(null);
  const [running, setRunning] = useState<'ddpm' | 'ddim' | null>(null);
  const [interrupted, setInterrupted] = useState(false);
  const choices = STEP_CHOICES.filter((k) => k <= T);
  const ddimSteps = Math.min(steps, T);

  const sampleOne = async (options: SampleRequestOptions, label: string): Promise<Result | null> => {
    const { step, config } = runStore.getState();
    const start = performance.now();
    const points = await getEngineClient().sample(options).catch(() => null);
    const seconds = (performance.now() - start) / 1000;
    if (!points) return null;
    await nextFrame(); // show the finished run before the few-ms ratio
    const evaluations = options.method === 'ddpm' ? config.T : options.steps;
    return { points, ratio: yardstick.ratio(points), seconds, evaluations, step, config, label };
  };

  const run = async (): Promise<void> => {
    setInterrupted(false);
    setDdim(null);
    setRunning('ddim');
    const base = { ...DEFAULT_SAMPLING, n: N, seed: SEED, trace: [], traceEvery: 1 };
    const a = await sampleOne({ ...base, method: 'ddim', steps: ddimSteps, eta, spacing: 'trailing' }, `DDIM, ${ddimSteps} steps, η = ${eta.toFixed(1)}`);
    if (a) setDdim(a);
    const { step, config } = runStore.getState();
    if (a && !(ddpm && ddpm.step === step && ddpm.config === config)) {
      setDdpm(null);
      setRunning('ddpm');
      const b = await sampleOne({ ...base, method: 'ddpm', steps: config.T, variance: 'beta' }, `DDPM, all ${config.T} steps`);
      if (b) setDdpm(b);
      else setInterrupted(true);
    } else if (!a) setInterrupted(true);
    setRunning(null);
  };

  const panel = (r: Result | null, key: 'ddpm' | 'ddim', title: string, color: string) => (
    <ScatterPanel size={panelPx} key={key} title={r?.label ?? title} points={r?.points ?? null} color={color} testId={`sampler-${key}`}
      label={`${N} samples: ${r?.label ?? title}`} empty={running === key ? `sampling… ${Math.round(progress * 100)}%` : 'not sampled yet'}>
      {r && (
        <>
          <strong data-testid="evaluations">{r.evaluations}</strong> network evaluations · <strong data-testid="seconds">{r.seconds.toFixed(2)}</strong> s
          <br />
          energy-distance ratio <strong data-testid="ed-ratio">{fmtRatio(r.ratio)}</strong>
        </>
      )}
    </ScatterPanel>
  );

  return (
    <div className="widget-body sampling-widget" data-testid="ddpm-vs-ddim">
      <div className="widget-controls">
        <Slider label="DDIM η in this comparison" value={eta} min={0} max={1} step={0.1} onChange={setEta} format={(v) => v.toFixed(1)} />
        <label>
          DDIM steps in this comparison{' '}
          <select value={ddimSteps} onChange={(e) => setSteps(Number(e.target.value))}>
            {choices.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => void run()} disabled={!ready || running !== null}>
          {ddim ? 'Sample again' : 'Sample both'}
        </button>
        <span className="sampling-status" aria-live="polite">
          {interrupted && 'Stopped: another widget started sampling. Press the button again.'}
          {!interrupted && ddpm && ddim && !running && `DDIM was ${(ddpm.seconds / Math.max(ddim.seconds, 1e-3)).toFixed(0)}× faster than DDPM here.`}
        </span>
      </div>
      <div className="sampling-panels" ref={panelsRef}>
        {panel(ddpm, 'ddpm', `DDPM, all ${T} steps`, PALETTE.blue)}
        {panel(ddim, 'ddim', `DDIM, ${ddimSteps} steps, η = ${eta.toFixed(1)}`, PALETTE.vermillion)}
      </div>
      <p className="sampling-note">Both start from the same x_T (same seed). DDPM uses σ²ₜ = βₜ. The energy-distance ratio compares the samples with held-out data: 1 is no better than N(0, I) noise, 0 is indistinguishable from the data. The DDPM run is kept until the model or its settings change, so new η or step values only rerun DDIM.</p>
      <ModelStatus />
    </div>
  );
}
