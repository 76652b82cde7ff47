/**
 * Issue 15, upsampling: a 4×4 image y (a held-out digit's 2×2-pooled view, or drawn on a 4×4 pad)
 * is the condition of a denoiser g(x_t, t, y) (src/engine/upsample/), which draws 8 different 8×8
 * completions. Each is shown beside its own 4×4 view D(x̂) with its condition error; the mean error
 * and the pixel spread (upsampleQuality.ts) are stated in words. "Sample again" takes a new seed.
 * The upsampler starts from its shipped weights and can be trained here from scratch (the shared
 * FixedModelTrainControls); while it trains, the completions are redrawn every few seconds from
 * the same condition and seed, so the reader sees them sharpen and the figures move.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ImageGrid } from '../charts/ImageGrid';
import { DIGIT_DIM, digitsHeldOut } from '../engine/datasets/digits';
import { downsample, LOW_DIM, LOW_SIDE, upsampleNearest } from '../engine/upsample/downsample';
import { DigitPad } from './DigitPad';
import { padToUnit, unitToPad, type Brush, type PadLevels } from './digitPad';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import { FixedModelTrainControls } from './FixedModelTrainControls';
import { LabMessage, useLabEngine } from './LabControls';
import { useDigits } from './useDigits';
import { useUpsample } from './useUpsample';
import { conditionErrorSentence, inLevels, pixelSpreadSentence, upsamplerWords } from './upsampleWords';
import './imageWidgets.css';
import './imageLikelihood.css';
import './upsample.css';

/** Completions per condition. */
const K = 8;
const FIRST_SEED = 1;
/** Shown in the original's place once the condition is a drawing: a blank 8×8 box of the same size. */
const BLANK_IMAGE = new Float32Array(DIGIT_DIM).fill(-1);
const MODELS = ['upsample'] as const;
/** While the upsampler trains, its completions are redrawn this often. */
const REFRESH_MS = 4000;
const startUpsampler = (from: 'pretrained' | 'scratch'): Promise<unknown> => getEngineClient().startUpsampler(from);
const BRUSHES: { id: Brush; name: string }[] = [
  { id: 'pen', name: 'pen' },
  { id: 'eraser', name: 'eraser' },
];

export default function Upsample() {
  // Starts the engine; the upsampler's training pauses when the widget goes.
  const ready = useLabEngine(MODELS);
  const training = useRun((s) => s.models.upsample.training);
  const step = useRun((s) => s.models.upsample.step);
  const { digits, error: digitsError } = useDigits();
  const heldOut = useMemo(() => (digits ? digitsHeldOut(digits) : null), [digits]);
  /** The condition y (16 values in [−1, 1]) and what it is. */
  const [cond, setCond] = useState<Float32Array | null>(null);
  const [what, setWhat] = useState('');
  /** The held-out digit the condition came from (null once the pad is edited). */
  const [source, setSource] = useState<Float32Array | null>(null);
  const [digitIndex, setDigitIndex] = useState(0);
  const [seed, setSeed] = useState(FIRST_SEED);
  const [brush, setBrush] = useState<Brush>('pen');
  const { result, busy, error, ask } = useUpsample(K);
  /** The condition and seed now, for the refresh timer (which outlives a render). */
  const current = useRef({ cond, seed, what, busy });
  current.current = { cond, seed, what, busy };

  /** True once the reader has drawn on the pad: their drawing is then the condition. */
  const drawn = cond !== null && source === null;
  const pick = (k: number): void => {
    if (!heldOut) return;
    // The reader's drawing is their work: replaced only when they say so.
    if (drawn && !window.confirm('Replace your 4×4 drawing with a held-out digit? Your drawing will be lost.')) return;
    const i = ((k % heldOut.n) + heldOut.n) % heldOut.n;
    const digit = heldOut.points.slice(i * DIGIT_DIM, (i + 1) * DIGIT_DIM);
    setDigitIndex(i);
    setSource(digit);
    setCond(downsample(digit));
    setWhat(`held-out digit ${i + 1} of ${heldOut.n} (a ${heldOut.labels[i]})`);
  };
  // The first held-out digit as soon as the digits are here.
  useEffect(() => {
    if (heldOut && !cond) pick(0);
  }, [heldOut]);
  // Every new condition or seed is sampled (once the engine runs).
  useEffect(() => {
    if (ready && cond) ask(cond, seed, what);
  }, [ready, cond, seed]);

  // While the upsampler trains, the same condition and seed again every few seconds; once more when it stops.
  useEffect(() => {
    if (!ready) return;
    const again = (): void => {
      const c = current.current;
      if (c.cond && !c.busy) ask(c.cond, c.seed, c.what);
    };
    if (!training) {
      // Queued behind any sample in flight: the last completions show the weights it stopped at.
      const c = current.current;
      if (c.cond && result && result.step !== step) ask(c.cond, c.seed, c.what);
      return;
    }
    const timer = setInterval(again, REFRESH_MS);
    return () => clearInterval(timer);
  }, [training, ready]);
  /** The upsampler was started afresh: its completions of the condition now. */
  const replaced = (): void => {
    if (cond) ask(cond, seed, what);
  };

  const levels = useMemo<PadLevels>(() => unitToPad(cond ?? new Float32Array(LOW_DIM).fill(-1), LOW_DIM), [cond]);
  const edit = (next: PadLevels): void => {
    // Only the cells the reader changed take the pad's grey level; the others keep their exact value
    // (a pooled digit's cells lie between the pad's 17 levels, and an edit must not round them all).
    const unit = padToUnit(next);
    const base = cond ?? unit;
    setCond(Float32Array.from(base, (v, i) => (next[i] === levels[i] ? v : unit[i]!)));
    setSource(null);
    setWhat('your 4×4 drawing');
  };
  const shown = result && cond && result.cond.every((v, i) => v === cond[i]) && result.seed === seed ? result : null;
  const nearest = useMemo(() => (cond ? upsampleNearest(cond) : null), [cond]);
  // While a new condition or seed samples, the last completions stay on screen, dimmed: the widget
  // keeps its height, so the pad does not move under a pointer that is drawing.
  const drawnPairs = shown ?? (result && busy ? result : null);

  const status = error
    ? `Could not sample: ${error}`
    : !ready
      ? 'Starting the engine…'
      : !cond
        ? digitsError ?? 'Loading the held-out digits…'
        : busy || !shown
          ? `Sampling ${K} completions of ${what} (seed ${seed})…`
          : `${K} completions of ${shown.what}, seed ${shown.seed}, by ${upsamplerWords(shown.origin, shown.step)}.`;
  return (
    <div
      className="widget-body lab-widget image-widget upsample"
      data-testid="upsample"
      data-seed={shown?.seed ?? ''}
      data-step={shown?.step ?? ''}
      data-condition-error={shown ? shown.conditionError.toFixed(4) : ''}
      data-pixel-spread={shown ? shown.pixelSpread.toFixed(4) : ''}
      data-cond={cond ? Array.from(cond, (v) => v.toFixed(3)).join(',') : ''}
    >
      <LabMessage />
      <div className="image-panels">
        <section className="image-panel upsample-condition" aria-label="the low-resolution condition">
          <h4 className="image-grid-title">Condition: a 4×4 image</h4>
          <div className="lab-buttons">
            <button type="button" onClick={() => pick(digitIndex - 1)} disabled={!heldOut} aria-label="previous held-out digit">◀ digit</button>
            <button type="button" onClick={() => pick(digitIndex + 1)} disabled={!heldOut} aria-label="next held-out digit">digit ▶</button>
            <button type="button" onClick={() => setSeed((s) => s + 1)} disabled={!ready || !cond}>Sample again</button>
          </div>
          <div className="upsample-sources">
            {/* Always laid out, so the pad below does not move when a drawing replaces the digit (mid-stroke). */}
            <figure>
              <ImageGrid pixels={source ?? BLANK_IMAGE} n={1} columns={1} maxCell={8} label={source ? `the original 8×8 image: ${what}` : 'no original: the condition is your drawing'} />
              <figcaption>{source ? 'original 8×8' : 'no original (drawn)'}</figcaption>
            </figure>
            <figure>
              <ImageGrid pixels={nearest} n={1} columns={1} maxCell={8} label="the condition upscaled by repeating each pixel (nearest neighbour): blocky" />
              <figcaption>nearest-neighbour 8×8</figcaption>
            </figure>
          </div>
          <fieldset className="likelihood-brush">
            <legend>edit the 4×4</legend>
            {BRUSHES.map((b) => (
              <label key={b.id}>
                <input type="radio" name="upsample-brush" value={b.id} checked={brush === b.id} onChange={() => setBrush(b.id)} />
                {b.name}
              </label>
            ))}
          </fieldset>
          <div className="upsample-pad">
            <DigitPad side={LOW_SIDE} levels={levels} brush={brush} onChange={edit} onSettle={() => {}} />
          </div>
          {/*
            Under the pad, in the condition's column (the shorter one), not under the completions or both
            columns: there it made the widget's height follow the status line, and the embed, which fits
            the widget to its frame, rescaled it and moved the pad under a stroke.
          */}
          <FixedModelTrainControls model="upsample" name="upsampler" progressName="upsampler" ready={ready} start={startUpsampler} replaced={replaced} testId="upsample-train" />
        </section>
        <section className="image-panel upsample-samples" aria-label="high-resolution completions">
          <h4 className="image-grid-title">{K} completions, each beside its own 4×4 view</h4>
          {/* Here, not above both columns: its length changes as it says what is sampling, and above the pad that moved the pad mid-stroke. */}
          <p className="lab-note upsample-status" role="status" data-testid="upsample-status">{status}</p>
          {drawnPairs ? (
            <ol className={`upsample-pairs${shown ? '' : ' upsample-stale'}`} data-testid="upsample-pairs" aria-busy={!shown}>
              {Array.from({ length: K }, (_, s) => (
                <li key={s} className="upsample-pair" data-testid="upsample-pair" data-error={drawnPairs.errors[s]!.toFixed(4)}>
                  <div className="upsample-pair-images">
                    <ImageGrid pixels={drawnPairs.samples.subarray(s * 64, (s + 1) * 64)} n={1} columns={1} maxCell={6} label={`completion ${s + 1} (8×8)`} />
                    <ImageGrid pixels={drawnPairs.downsampled.subarray(s * LOW_DIM, (s + 1) * LOW_DIM)} n={1} width={LOW_SIDE} height={LOW_SIDE} columns={1} maxCell={12} label={`completion ${s + 1} shrunk to 4×4, off by ${drawnPairs.errors[s]!.toFixed(3)}`} />
                  </div>
                  <span className="upsample-error">off {drawnPairs.errors[s]!.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="image-grid-empty">No completions yet.</p>
          )}
          {drawnPairs && (
            <>
              <p className="widget-readout" data-testid="upsample-error-sentence"><strong>Condition error:</strong> {conditionErrorSentence(drawnPairs.conditionError, K)}</p>
              <p className="widget-readout" data-testid="upsample-spread-sentence"><strong>Different completions:</strong> {pixelSpreadSentence(drawnPairs.pixelSpread, K)}</p>
              <p className="lab-note">Pixels run from −1 (blank) to 1 (ink); a digit's pixels take 17 grey levels, 0.125 apart, and its 4×4 view averages four of them. The pad's pen and eraser set a cell to full ink or blank.</p>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
