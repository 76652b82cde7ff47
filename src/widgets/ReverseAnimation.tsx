/**
 * The whole reverse process for 1000 points, streamed from the worker as it runs: the cloud at
 * the latest t and the paths of 20 of its points, from x_T ~ N(0, I) down to x_0. DDPM (all T
 * steps, σ²_t = β_t: Algorithm 2, as the chapter's prose describes it) by default, or DDIM with 50
 * steps for comparison. That choice is this animation's own, not the shared `sampler` setting
 * (whose default, DDIM-50, is the training panel's quick look): it is labelled so, a link's
 * `hide=sampler` leaves it, and `controls=hidden` hides it with the rest of .widget-controls.
 */
import { useCallback, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { TrajectoryCanvas } from '../charts/TrajectoryCanvas';
import { useRun, type RunState } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import { ModelStatus } from './ModelStatus';
import './sampling.css';

const N = 1000;
const PATHS = 20;
const DDIM_STEPS = 50;
/** About this many frames per run, whatever T is. */
const FRAMES = 200;
const ALL = Array.from({ length: N }, (_, k) => k);
/** The plot's half-width (TrajectoryCanvas's default extent). */
const EXTENT = 3;

/** How many of the samples are finite and inside the plot: an untrained network throws most of them far off it. */
export function countInView(points: Float32Array, extent = EXTENT): number {
  let n = 0;
  for (let k = 0; k + 1 < points.length; k += 2) if (Math.abs(points[k]!) <= extent && Math.abs(points[k + 1]!) <= extent) n++;
  return n;
}

type Method = 'ddpm' | 'ddim';
type Phase = 'idle' | 'running' | 'done' | 'interrupted';

/** Says how many samples the plot shows: a few outliers of a trained model are noted, a mostly empty plot is not called "done: 1000 samples". */
function doneText(steps: number, seconds: number | null, inView: number, trained: boolean): string {
  const took = `after ${steps} steps${seconds !== null ? ` in ${seconds.toFixed(1)} s` : ''}`;
  if (inView === N) return `done: ${N} samples ${took}, all inside the plot`;
  if (trained && inView >= N / 2) return `done: ${N} samples ${took}; ${N - inView} of them fall outside the plot`;
  return `done ${took}, but only ${inView} of ${N} samples are inside the plot; the rest landed outside it (the network is ${trained ? 'barely trained' : 'untrained'})`;
}

export default function ReverseAnimation() {
  const ready = useRun((s) => s.status === 'ready');
  const T = useRun((s) => s.config.T);
  const trained = useRun((s) => s.step > 0);
  const [method, setMethod] = useState<Method>('ddpm');
  const [phase, setPhase] = useState<Phase>('idle');
  const [runKey, setRunKey] = useState(0);
  const [seconds, setSeconds] = useState<number | null>(null);
  const [inView, setInView] = useState<number | null>(null);
  const own = useRef(false);
  const progress = useRun((s) => (phase === 'running' && own.current ? s.sampleProgress : null));
  // Only this widget's run is drawn: another widget's sampler leaves the picture as it was.
  const select = useCallback((s: RunState) => (own.current ? s.traceFrame : null), []);

  const play = async (): Promise<void> => {
    own.current = true;
    setRunKey((k) => k + 1);
    setPhase('running');
    setSeconds(null);
    setInView(null);
    const start = performance.now();
    const steps = method === 'ddpm' ? T : DDIM_STEPS;
    const points = await getEngineClient()
      .sample({
        ...DEFAULT_SAMPLING, method, n: N, steps, eta: 0, variance: 'beta', seed: 1 + runKey,
        trace: ALL, traceEvery: Math.max(1, Math.round(steps / FRAMES)),
      })
      .catch(() => null);
    own.current = false;
    setPhase(points ? 'done' : 'interrupted');
    if (points) {
      setSeconds((performance.now() - start) / 1000);
      setInView(countInView(points));
    }
  };

  const steps = method === 'ddpm' ? T : DDIM_STEPS;
  return (
    <div className="widget-body sampling-widget" data-testid="reverse-animation" data-phase={phase}>
      <div className="widget-controls">
        <label>
          sampler in this animation{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)} disabled={phase === 'running'}>
            <option value="ddpm">DDPM, all {T} steps, σ²ₜ = βₜ</option>
            <option value="ddim">DDIM, {DDIM_STEPS} steps, η = 0</option>
          </select>
        </label>
        <button type="button" onClick={() => void play()} disabled={!ready || phase === 'running'}>
          {phase === 'idle' ? 'Play' : 'Restart'}
        </button>
        <span className="sampling-status trajectory-readout" aria-live="polite" data-testid="reverse-status" data-in-view={inView ?? ''}>
          {phase === 'idle' && `Press Play to run ${steps} reverse steps on ${N} points.`}
          {phase === 'running' && `running: ${Math.round((progress ?? 0) * 100)}% of ${steps} steps`}
          {phase === 'done' && doneText(steps, seconds, inView ?? 0, trained)}
          {phase === 'interrupted' && 'stopped: another widget started sampling. Press Restart.'}
        </span>
      </div>
      <TrajectoryCanvas select={select} runKey={runKey} nPaths={PATHS} label={`${N} points moving from noise at t = ${T} to samples at t = 0, with the paths of ${PATHS} of them`} />
      <ul className="xy-legend">
        <li><span className="legend-swatch" style={{ background: PALETTE.blue }} /> the {N} points at the current t</li>
        <li><span className="legend-line" style={{ borderColor: PALETTE.vermillion }} /> paths of {PATHS} of them (older parts fainter)</li>
      </ul>
      <ModelStatus />
    </div>
  );
}
