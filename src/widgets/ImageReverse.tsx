/**
 * Chapter 8, the reverse process on images: 20 digits sampled by DDIM (50 steps, η = 0) from the
 * starting noise x_T that one seed fixes, every state of the chain kept as a frame. Each frame
 * shows the noisy images x_t beside the network's current guess of their clean images,
 *   x̂₀ = (x_t − √(1 − ᾱ_t) ε̂(x_t, t)) / √ᾱ_t   (eq. 4.6, clipped to [−1, 1]),
 * computed in the worker (imageFrames.ts). Play runs from t = T down to 0 and stops on the finished
 * samples; the slider (keyboard: arrows, Home, End, Page keys) picks a frame and says its true t.
 * "Sample again" draws from a new seed; pausing training redraws from the same seed, so the same
 * noise is seen turning into better digits. The toolbar's PNG and WebM export pick up the canvases,
 * the grid titles and the t readout (data-record-readout).
 */
import { useEffect, useId, useRef } from 'react';
import { makeSchedule } from '../engine/schedule';
import { IMAGE_SCHEDULE } from '../worker/imageConfig';
import { DIGIT_DIM, DIGIT_CLASSES } from '../engine/datasets/digits';
import { useRun } from '../state/runStore';
import { useSettings } from '../state/settingsStore';
import { DigitSampleGrid } from './DigitSampleGrid';
import { LabMessage, LabProgress, LabTrainButton, useLabEngine } from './LabControls';
import { Slider } from './Slider';
import { frameOf, frameTLabel, maxAbsDifference, pixelStats, signed } from './imageReverseFrames';
import { useFramePlayer } from './useFramePlayer';
import { useReverseFrames } from './useReverseFrames';
import './imageWidgets.css';

const IMAGES = ['images'] as const;
const N = 20;
const COLUMNS = 5;
const DDIM_STEPS = 50;
/** Every state of the chain: x_T and one after each DDIM step. */
const FRAMES = DDIM_STEPS + 1;
const FIRST_SEED = 1;
const MS_PER_FRAME = 120;
const T = IMAGE_SCHEDULE.T;
const schedule = makeSchedule(IMAGE_SCHEDULE);

/** √ᾱ_t: how much of the clean image x_t keeps (eq. 3.5); 1 at t = 0. */
const signalKept = (t: number): number => (t === 0 ? 1 : Math.sqrt(schedule.alphaBars[t - 1]!));

export default function ImageReverse() {
  const ready = useLabEngine(IMAGES);
  const training = useRun((s) => s.models.images.training);
  const step = useRun((s) => s.models.images.step);
  const progress = useRun((s) => s.models.images.sampleProgress);
  const { run, pending, error, count, sample } = useReverseFrames(N, DDIM_STEPS, FRAMES, 'image-reverse');
  const player = useFramePlayer(FRAMES, MS_PER_FRAME);
  const headingId = useId();
  const controlsHidden = useSettings((s) => s.controls === 'hidden');

  // The first sample as soon as the engine answers.
  useEffect(() => {
    if (ready && !run && pending === null) sample(FIRST_SEED);
  }, [ready]);
  // Training paused (or the model reset elsewhere on the page): the same seed again, so the same
  // noise meets the network as it is now. Once per step, so a step the reply reports differently cannot loop.
  const askedAtStep = useRef(-1);
  useEffect(() => {
    if (!ready || training || !run || pending !== null || run.step === step || askedAtStep.current === step) return;
    askedAtStep.current = step;
    sample(run.seed);
  }, [ready, training, step, run, pending]);
  // Every new sample plays from t = T.
  useEffect(() => {
    if (count > 0) player.restart();
  }, [count]);

  const size = N * DIGIT_DIM;
  const frame = player.frame;
  const t = run ? run.t[frame]! : null;
  const xt = run ? frameOf(run.xt, frame, size) : null;
  const x0 = run ? frameOf(run.x0, frame, size) : null;
  const stats = xt ? pixelStats(xt) : null;
  const guessGap = xt && x0 ? maxAbsDifference(xt, x0) : null;
  const last = frame === FRAMES - 1;
  const untrained = ready && step === 0 && !training;
  const nextSeed = (run?.seed ?? pending ?? FIRST_SEED - 1) + 1;
  const loading = !run && !error;

  return (
    <div
      className="widget-body lab-widget image-widget image-reverse"
      data-testid="image-reverse"
      data-seed={run?.seed ?? ''}
      data-samples={count}
      data-run-step={run?.step ?? ''}
      data-frames={run ? run.t.length : ''}
      data-frame={frame}
      data-t={t ?? ''}
      data-playing={player.playing}
      data-xt-mean={stats ? stats.mean.toFixed(4) : ''}
      data-xt-std={stats ? stats.std.toFixed(4) : ''}
      data-xt-min={stats ? stats.min.toFixed(4) : ''}
      data-xt-max={stats ? stats.max.toFixed(4) : ''}
      data-xt-background={stats ? stats.background.toFixed(4) : ''}
      data-x0-gap={guessGap !== null ? guessGap.toFixed(6) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <button
            type="button"
            onClick={player.playing ? player.pause : player.play}
            disabled={!run}
            aria-label={player.playing ? 'Pause the frames' : 'Play the frames'}
          >
            {player.playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={() => sample(nextSeed)} disabled={!ready || pending !== null}>
            Sample again (seed {nextSeed})
          </button>
        </div>
        <Slider
          label="frame of the reverse process"
          value={frame}
          min={0}
          max={FRAMES - 1}
          step={1}
          onChange={player.seek}
          format={(k) => (run ? frameTLabel(run.t[k]!, T) : 'no frames yet')}
        />
      </div>
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={IMAGES} ready={ready} />
        </div>
        <LabProgress model="images" name="digits DDPM" />
      </div>
      <p className="lab-progress image-reverse-status" role="status" data-testid="reverse-status">
        {pending !== null
          ? `Sampling ${N} digits from seed ${pending}: ${Math.round(100 * (progress ?? 0))}% of ${DDIM_STEPS} DDIM steps…`
          : run
            ? `Seed ${run.seed}: ${N} digits by DDIM in ${DDIM_STEPS} steps (η\u00a0=\u00a00), by the network at training step ${run.step}.`
            : ready ? '' : 'Starting the engine…'}
      </p>
      {untrained && (
        <p className="image-untrained" data-testid="reverse-untrained">
          <strong>The model is untrained (step 0)</strong>, so its guesses x̂₀ are meaningless and the samples stay noise. Train it in “Train it here”{controlsHidden ? '' : ' or with Train above'} for a few
          seconds; pausing redraws these samples from the same noise.
        </p>
      )}
      {training && <p className="lab-note">Training: the frames below are from step {run?.step ?? 0}; pause to redraw them with the newer network.</p>}
      {error && <p role="alert">{error}</p>}
      <p className="widget-readout">
        <strong data-record-readout="">{t !== null ? frameTLabel(t, T) : 't = …'}</strong> (frame {frame + 1} of {FRAMES})
        {t !== null && t > 0 && <>: x_t keeps √ᾱ_t = {signalKept(t).toFixed(3)} of a clean image, under noise of standard deviation √(1 − ᾱ_t) = {Math.sqrt(1 - signalKept(t) ** 2).toFixed(3)}.</>}
      </p>
      <div className="image-panels">
        <section className="image-panel" aria-labelledby={`${headingId}-xt`}>
          <h4 className="image-grid-title" id={`${headingId}-xt`}>Noisy images x_t{t !== null ? ` at t = ${t}` : ''}</h4>
          <DigitSampleGrid pixels={xt} n={N} columns={COLUMNS} maxCell={8} label={t !== null ? `${N} noisy images x_t at t = ${t}` : 'No samples yet'} loading={loading} ready={ready} />
          {stats && <p>Pixels: mean {signed(stats.mean, 2)}, standard deviation {stats.std.toFixed(2)}, range {signed(stats.min, 2)} to {signed(stats.max, 2)}.</p>}
        </section>
        <section className="image-panel" aria-labelledby={`${headingId}-x0`}>
          <h4 className="image-grid-title" id={`${headingId}-x0`}>Guessed clean images x̂₀</h4>
          <DigitSampleGrid pixels={x0} n={N} columns={COLUMNS} maxCell={8} label={t !== null ? `the network's guesses x̂₀ of the clean images at t = ${t}` : 'No guesses yet'} loading={loading} ready={ready} />
          {run && <p>{last ? 'At t = 0 the guess is the finished sample itself.' : 'x̂₀ = (x_t − √(1 − ᾱ_t)·ε̂) / √ᾱ_t (eq. 4.6), clipped to [−1, 1].'}</p>}
        </section>
      </div>
      <p className="lab-note">
        Image k in the left grid and image k in the right are the same sample. Each image asks the network for one digit, two of each from 0 to {DIGIT_CLASSES - 1}, read
        row by row.
      </p>
    </div>
  );
}
