/**
 * The final step of Algorithm 2 done right and done wrong, from the same x_1: DDPM runs down to
 * t = 1 in the worker (stopAt), then the last step x_0 = (x_1 − β_1/√(1 − ᾱ_1) · ε̂)/√α_1
 * (eq. 4.9, no noise) is taken here twice: with ε̂ = ε_θ(x_1, 1) and with ε̂ = ε_θ(x_1, t) for a
 * wrong t. Only the network's timestep input differs; the step's coefficients are those of t = 1.
 */
import { useEffect, useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { DisplacementPlot } from '../charts/DisplacementPlot';
import { PALETTE } from '../charts/palette';
import { ScatterPanel } from '../charts/ScatterPanel';
import { usePanelSize } from '../charts/usePanelSize';
import { ddpmStep } from '../engine/ddpmStep';
import { leastSquaresScale, meanPairedDistance } from '../engine/sampleQuality';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import { ModelStatus } from './ModelStatus';
import { fmtRatio, useYardstick } from './useYardstick';
import './sampling.css';

const N = 1000;
const SEED = 9;
const ARROWS = 200;

interface Ending {
  t: number;
  x0: Float32Array;
  ratio: number;
  /** Least-squares s in x_0 ≈ s·x_1: below 1 means the step shrank the cloud. */
  scale: number;
}

/** The last step from x_1 with a given ε̂ (i = 0: t = 1's coefficients, and no noise). */
function lastStep(x1: Float32Array, eps: Float32Array, schedule: Schedule): Float32Array {
  return ddpmStep({ xt: x1, eps, i: 0, schedule, variance: 'beta', noise: new Float32Array(x1.length) });
}

/** A round magnification (1, 2 or 5 × 10^k) that makes the mean move about `target` long. */
function niceMagnification(meanMove: number, target: number): number {
  if (!(meanMove > 0)) return 1;
  const raw = target / meanMove;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [5, 2, 1].map((m) => m * p).find((m) => m <= raw) ?? p;
}

export default function WrongLastStep() {
  const ready = useRun((s) => s.status === 'ready');
  const config = useRun((s) => s.config);
  const progress = useRun((s) => s.sampleProgress);
  const yardstick = useYardstick();
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const choices = useMemo(() => [...new Set([2, 10, 100, config.T].filter((t) => t >= 2 && t <= config.T))], [config.T]);
  const [panelsRef, panelPx] = usePanelSize(2);
  const [wrongT, setWrongT] = useState(config.T);
  const [x1, setX1] = useState<Float32Array | null>(null);
  const [correct, setCorrect] = useState<Ending | null>(null);
  const [wrong, setWrong] = useState<Ending | null>(null);
  const [phase, setPhase] = useState<'idle' | 'sampling' | 'finishing' | 'interrupted'>('idle');

  // x_1 belongs to one schedule; new settings mean sampling again.
  useEffect(() => {
    setX1(null);
    setCorrect(null);
    setWrong(null);
    setWrongT((t) => Math.min(t, schedule.T));
  }, [schedule]);

  const finish = async (x: Float32Array, t: number): Promise<Ending> => {
    const eps = await getEngineClient().predict(x, t - 1);
    const x0 = lastStep(x, eps, schedule);
    return { t, x0, ratio: yardstick.ratio(x0), scale: leastSquaresScale(x0, x) };
  };

  // A different wrong t only needs one more prediction on the same x_1.
  useEffect(() => {
    if (!x1) return;
    let current = true;
    finish(x1, wrongT)
      .then((e) => current && setWrong(e))
      .catch(() => {});
    return () => {
      current = false;
    };
    // finish reads the schedule x1 was made with; a new schedule clears x1 (above)
  }, [x1, wrongT]);

  const run = async (): Promise<void> => {
    setPhase('sampling');
    setCorrect(null);
    setWrong(null);
    const x = await getEngineClient()
      .sample({ ...DEFAULT_SAMPLING, method: 'ddpm', n: N, variance: 'beta', seed: SEED, trace: [], traceEvery: 1, stopAt: 1 })
      .catch(() => null);
    if (!x) {
      setPhase('interrupted');
      return;
    }
    setPhase('finishing');
    try {
      setCorrect(await finish(x, 1));
      setX1(x);
      setPhase('idle');
    } catch {
      setPhase('interrupted'); // the worker restarted between the two requests
    }
  };

  const beta1 = schedule.betas[0]!;
  const coefficient = beta1 / Math.sqrt(1 - schedule.alphaBars[0]!) / Math.sqrt(schedule.alphas[0]!);
  const move = correct && wrong ? meanPairedDistance(correct.x0, wrong.x0, 2) : null;
  const magnify = move !== null ? niceMagnification(move, 0.3) : 1;
  const readout = (e: Ending | null) =>
    e && (
      <>
        size against x₁: ×<strong data-testid="scale">{e.scale.toFixed(4)}</strong>
        <br />
        energy-distance ratio <strong data-testid="ed-ratio">{fmtRatio(e.ratio)}</strong>
      </>
    );

  return (
    <div className="widget-body sampling-widget" data-testid="wrong-last-step">
      <div className="widget-controls">
        <button type="button" onClick={() => void run()} disabled={!ready || phase === 'sampling' || phase === 'finishing'}>
          {x1 ? 'New x₁' : 'Sample x₁ and finish both ways'}
        </button>
        <label>
          wrong timestep{' '}
          <select value={wrongT} onChange={(e) => setWrongT(Number(e.target.value))} aria-label="wrong timestep fed to the network at the last step">
            {choices.map((t) => <option key={t} value={t}>t = {t}{t === config.T ? ' (T)' : ''}</option>)}
          </select>
        </label>
        <span className="sampling-status" aria-live="polite">
          {phase === 'sampling' && `DDPM from t = ${config.T} down to t = 1: ${Math.round(progress * 100)}%`}
          {phase === 'finishing' && 'taking the last step both ways…'}
          {phase === 'interrupted' && 'Stopped before the end (another widget started sampling, or the engine restarted). Press the button again.'}
        </span>
      </div>
      <div className="sampling-panels" ref={panelsRef}>
        <ScatterPanel size={panelPx} title="correct: ε_θ(x₁, 1)" points={correct?.x0 ?? null} color={PALETTE.blue} testId="ending-correct" label={`${N} samples whose last step used t = 1`}>
          {readout(correct)}
        </ScatterPanel>
        <ScatterPanel size={panelPx} title={`wrong: ε_θ(x₁, ${wrongT})`} points={wrong?.x0 ?? null} color={PALETTE.vermillion} testId="ending-wrong" label={`${N} samples whose last step used t = ${wrongT}`}>
          {readout(wrong)}
        </ScatterPanel>
        <figure className="scatter-panel" data-testid="ending-difference">
          <figcaption className="scatter-panel-title">wrong − correct, magnified ×{magnify} (grey: correct x₀)</figcaption>
          {correct && wrong ? (
            <DisplacementPlot size={panelPx + 22} from={correct.x0} to={wrong.x0} magnify={magnify} count={ARROWS} color={PALETTE.vermillion}
              label={`How far the wrong ending moved each of ${ARROWS} samples, magnified ${magnify} times`} />
          ) : (
            <div className="scatter-panel-empty" style={{ width: panelPx + 22, height: panelPx + 22 }}>not sampled yet</div>
          )}
          {move !== null && <div className="scatter-panel-readout widget-readout">mean move <strong data-testid="mean-move">{move.toFixed(4)}</strong> per point</div>}
        </figure>
      </div>
      <p className="sampling-note">
        Both endings use the step's coefficient for t = 1: ε̂ is multiplied by β₁/(√(1 − ᾱ₁)·√α₁) = {coefficient.toFixed(4)}, so
        a wrong ε̂ moves each sample by {coefficient.toFixed(4)} × its error. With t = T the network returns roughly x₁ itself,
        and the cloud shrinks by about that fraction.
      </p>
      <ModelStatus />
    </div>
  );
}
