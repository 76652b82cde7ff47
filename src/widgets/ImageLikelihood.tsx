/**
 * Chapter 8, "How likely is this image?": an 8×8 draw pad, and the drawn image's two scores under
 * the digits model's unconditional ε_∅: the −ELBO in bits per dimension with the discretised
 * decoder (eq. 8.7, 8.8 divided by D ln 2, eq. 8.5) and the per-pixel denoising error (eq. 7.5 / D).
 * Neither is calibrated alone, so both are placed among the same scores of ~100 held-out digits.
 * The pad keeps its drawing through every score, rescore and error.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ImageGrid } from '../charts/ImageGrid';
import { ScoreStrip } from '../charts/ScoreStrip';
import { DIGIT_DIM, digitsHeldOut } from '../engine/datasets/digits';
import { useRun } from '../state/runStore';
import { DigitPad } from './DigitPad';
import { emptyPad, isEmpty, padToUnit, scribble, unitToPad, type Brush, type PadLevels } from './digitPad';
import { LabMessage, LabProgress, LabTrainButton, useLabEngine } from './LabControls';
import { countBelow, rankSentence, spread } from './likelihoodRank';
import { useDigits } from './useDigits';
import { useLikelihoodScore } from './useLikelihoodScore';
import './imageWidgets.css';
import './imageLikelihood.css';

const IMAGES = ['images'] as const;
/** Quiet time after the last stroke before the drawing is scored by itself. */
const AUTO_SCORE_MS = 600;
const BRUSHES: { id: Brush; name: string }[] = [
  { id: 'soft', name: 'soft pen' },
  { id: 'pen', name: 'pen' },
  { id: 'eraser', name: 'eraser' },
];
const fmt = (v: number, digits: number): string => v.toFixed(digits).replace(/^-/, '−');

export default function ImageLikelihood() {
  const ready = useLabEngine(IMAGES);
  const training = useRun((s) => s.models.images.training);
  const step = useRun((s) => s.models.images.step);
  const { digits, error: digitsError } = useDigits();
  const heldOut = useMemo(() => (digits ? digitsHeldOut(digits) : null), [digits]);
  const [levels, setLevels] = useState<PadLevels>(emptyPad);
  const [what, setWhat] = useState('your drawing');
  const [brush, setBrush] = useState<Brush>('soft');
  const [nextDigit, setNextDigit] = useState(0);
  const [nextScribble, setNextScribble] = useState(1);
  /** Bumped when a change to the pad is complete (a stroke ends, a key, a load): the auto-score waits on it. */
  const [settled, setSettled] = useState(0);
  const { result, progress, error, sent, score } = useLikelihoodScore();
  const latest = useRef({ levels, what });
  latest.current = { levels, what };

  const empty = isEmpty(levels);
  /** Score was pressed on an empty pad: the message says so louder. */
  const [emptyAsked, setEmptyAsked] = useState(false);
  const scoreNow = (): void => {
    if (!ready || isEmpty(latest.current.levels)) return; // an empty pad is never sent
    score(latest.current.levels, latest.current.what);
  };

  // Score by itself once drawing stops (not while training: each score pauses it, and every new step rescores the held-out digits).
  useEffect(() => {
    if (settled === 0 || training) return;
    const timer = setTimeout(scoreNow, AUTO_SCORE_MS);
    return () => clearTimeout(timer);
  }, [settled]);
  // When training pauses, a drawing scored by an older network is scored again.
  useEffect(() => {
    if (ready && !training && result && result.step !== step) scoreNow();
  }, [ready, training]);

  const change = (next: PadLevels, label = 'your drawing'): void => {
    setLevels(next);
    setEmptyAsked(false);
    setWhat(label);
  };
  const load = (next: PadLevels, label: string): void => {
    change(next, label);
    setSettled((k) => k + 1);
  };
  const loadDigit = (): void => {
    if (!heldOut) return;
    const k = nextDigit % heldOut.n;
    load(unitToPad(heldOut.points.subarray(k * DIGIT_DIM, (k + 1) * DIGIT_DIM)), `held-out digit ${k + 1} of ${heldOut.n} (a ${heldOut.labels[k]})`);
    setNextDigit(k + 1);
  };
  const loadScribble = (): void => {
    load(scribble(nextScribble), `a scribble (random grey levels, seed ${nextScribble})`);
    setNextScribble((s) => s + 1);
  };

  const bits = result ? countBelow(result.bitsPerDim, result.reference.bitsPerDim) : null;
  const anomaly = result ? countBelow(result.anomaly, result.reference.anomaly) : null;
  const refBits = result ? spread(result.reference.bitsPerDim) : null;
  const refAnomaly = result ? spread(result.reference.anomaly) : null;
  const scoredPixels = useMemo(() => (result ? padToUnit(result.levels) : null), [result]);
  const stale = result !== null && (result.levels !== levels || result.step !== step);
  return (
    <div
      className="widget-body lab-widget image-widget image-likelihood"
      data-testid="image-likelihood"
      data-requests={sent}
      data-step={result?.step ?? ''}
      data-scored={result ? result.what : ''}
      data-bits={result ? result.bitsPerDim.toFixed(4) : ''}
      data-anomaly={result ? result.anomaly.toFixed(4) : ''}
      data-bits-below={bits?.below ?? ''}
      data-anomaly-below={anomaly?.below ?? ''}
      data-reference-n={bits?.n ?? ''}
      data-ref-bits={refBits ? [refBits.min, refBits.median, refBits.max].map((v) => v.toFixed(4)).join(',') : ''}
      data-ref-anomaly={refAnomaly ? [refAnomaly.min, refAnomaly.median, refAnomaly.max].map((v) => v.toFixed(4)).join(',') : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={IMAGES} ready={ready} />
        </div>
        <LabProgress model="images" name="digits DDPM" />
      </div>
      {ready && step === 0 && !training && (
        <p className="lab-note" data-testid="likelihood-untrained">The digits model is untrained, so its scores say nothing yet: Train it for a few seconds first.</p>
      )}
      <div className="image-panels">
        <section className="image-panel likelihood-pad" aria-label="draw an image">
          <fieldset className="likelihood-brush">
            <legend>brush</legend>
            {BRUSHES.map((b) => (
              <label key={b.id}>
                <input type="radio" name="likelihood-brush" value={b.id} checked={brush === b.id} onChange={() => setBrush(b.id)} />
                {b.name}
              </label>
            ))}
          </fieldset>
          <DigitPad levels={levels} brush={brush} onChange={(next) => change(next)} onSettle={() => setSettled((k) => k + 1)} />
          <div className="lab-buttons likelihood-actions">
            <button type="button" onClick={() => (empty ? setEmptyAsked(true) : scoreNow())} disabled={!ready}>Score</button>
            <button type="button" onClick={() => change(emptyPad())} disabled={empty}>Clear</button>
            <button type="button" onClick={loadDigit} disabled={!heldOut}>Load a held-out digit</button>
            <button type="button" onClick={loadScribble}>Load a scribble</button>
          </div>
          {digitsError && <p role="alert">{digitsError}</p>}
        </section>
        <section className="image-panel likelihood-result" aria-label="scores of the drawn image">
          {empty && (
            <p className={`likelihood-empty${emptyAsked ? ' asked' : ''}`} role={emptyAsked ? 'alert' : 'status'} data-testid="likelihood-empty">Draw something first: the pad is empty, so there is nothing to score.</p>
          )}
          {progress !== null && (
            <p className="lab-progress" role="status" data-testid="likelihood-progress">
              scoring… {Math.round(progress * 100)}% ({result && result.step === step ? 'the drawing' : 'the held-out digits at this step, then the drawing'}: one network evaluation per timestep)
            </p>
          )}
          {!ready && <p className="lab-note">Starting the engine…</p>}
          {error && <p role="alert">Could not score: {error} The drawing is kept; Score tries again.</p>}
          {result && bits && anomaly && refBits && refAnomaly ? (
            <>
              <div className="likelihood-scored">
                <ImageGrid pixels={scoredPixels} n={1} columns={1} maxCell={5} label={`the scored image: ${result.what}`} />
                <p>
                  Scored: {result.what}, by the model at step {result.step}.{stale && ' The pad or the model has changed since: Score again.'}
                </p>
              </div>
              <table className="lab-table likelihood-table">
                <thead>
                  <tr><th scope="col">score</th><th scope="col">this image</th><th scope="col">held-out digits: median (range)</th></tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">−ELBO, bits/dim</th>
                    <td data-testid="likelihood-bits">{fmt(result.bitsPerDim, 2)}</td>
                    <td>{fmt(refBits.median, 2)} ({fmt(refBits.min, 2)} to {fmt(refBits.max, 2)})</td>
                  </tr>
                  <tr>
                    <th scope="row">per-pixel denoising error</th>
                    <td data-testid="likelihood-anomaly">{fmt(result.anomaly, 3)}</td>
                    <td>{fmt(refAnomaly.median, 3)} ({fmt(refAnomaly.min, 3)} to {fmt(refAnomaly.max, 3)})</td>
                  </tr>
                </tbody>
              </table>
              <p className="widget-readout" data-testid="likelihood-bits-sentence">
                <strong>bits/dim:</strong> {rankSentence(bits.below, bits.n, 'bits')}
              </p>
              <ScoreStrip
                reference={result.reference.bitsPerDim}
                value={result.bitsPerDim}
                format={(v) => v.toFixed(2)}
                axisLabel="−ELBO, bits/dim (eq. 8.8); lower = more likely"
                label={`bits per dimension of ${bits.n} held-out digits (dots) and of this image (line, ${fmt(result.bitsPerDim, 2)})`}
                testId="likelihood-bits-strip"
              />
              <p className="widget-readout" data-testid="likelihood-anomaly-sentence">
                <strong>denoising error:</strong> {rankSentence(anomaly.below, anomaly.n, 'anomaly')}
              </p>
              <ScoreStrip
                reference={result.reference.anomaly}
                value={result.anomaly}
                format={(v) => v.toFixed(3)}
                axisLabel="per-pixel denoising error (eq. 7.5 / 64)"
                label={`per-pixel denoising error of ${anomaly.n} held-out digits (dots) and of this image (line, ${fmt(result.anomaly, 3)})`}
                testId="likelihood-anomaly-strip"
              />
              <p className="lab-note">
                Dots: {bits.n} held-out digits, never trained on. Bits/dim is an upper bound on −log₂ P(image)/64, from one noise draw per timestep. Picking every level
                uniformly gives exactly log₂ 17 ≈ 4.09; a bound above that says the network still has much to learn, and ranks images all the same.
              </p>
            </>
          ) : (
            !empty && progress === null && ready && <p className="lab-note">Not scored yet: Score, or stop drawing for a moment.</p>
          )}
        </section>
      </div>
    </div>
  );
}
