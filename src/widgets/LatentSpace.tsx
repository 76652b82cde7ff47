/**
 * Latent diffusion (issue 15): an autoencoder squeezes each 8×8 digit into d numbers; the
 * playground's 2D DDPM learns the cloud of those codes; its samples, decoded, are digits. The
 * widget shows the digits' codes coloured by class (d = 2: the codes themselves; d = 8: their first
 * two coordinates, said so) with the DDPM's samples over them, trains the latent DDPM in the worker,
 * checks its decoded samples against the digit bar every second while it trains, and sets the first
 * pass beside pixel-space diffusion. The autoencoder's own loss is stated: its reconstruction error
 * on held-out digits, with a row of originals over their reconstructions.
 */
import { schemeTableau10 } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ClassScatter } from '../charts/ClassScatter';
import { ImageGrid } from '../charts/ImageGrid';
import { LegendKey } from '../charts/LegendKey';
import { DIGIT_CLASSES } from '../engine/datasets/digits';
import { LATENT_DIMS, type LatentDim } from '../engine/latent/latentDims';
import { LATENT_MODEL } from '../engine/modelIds';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import type { LatentOverview, LatentSampleResult } from '../worker/latentProtocol';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { LatentComparisonTable } from './LatentComparisonTable';
import { firstPass, LATENT_SCORED, type LatentCheck } from './latentComparison';
import { useTrainingClock } from './useTrainingClock';
import './imageWidgets.css';
import './latentSpace.css';

const MODELS = [LATENT_MODEL] as const;
const COLORS = schemeTableau10;
/** The samples' seed: same seed, same x_T, so successive checks differ only by training. */
const SEED = 21;
const GRID = 64;
/** Samples drawn over the cloud (of the LATENT_SCORED scored). */
const SHOWN = 150;
const CHECK_MS = 1000;

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The first two coordinates of n rows of d numbers (the whole rows when d = 2), at most `max` rows. */
function firstTwo(values: Float32Array, d: number, max = Infinity): Float32Array {
  const n = Math.min(max, values.length / d);
  const out = new Float32Array(2 * n);
  for (let r = 0; r < n; r++) {
    out[2 * r] = values[r * d]!;
    out[2 * r + 1] = values[r * d + 1]!;
  }
  return out;
}

/** Each class's mean position in the plane (classes × 2). */
function classCentres(points: Float32Array, labels: Int32Array): Float32Array {
  const sum = new Float64Array(2 * DIGIT_CLASSES);
  const count = new Float64Array(DIGIT_CLASSES);
  labels.forEach((c, r) => {
    sum[2 * c] = sum[2 * c]! + points[2 * r]!;
    sum[2 * c + 1] = sum[2 * c + 1]! + points[2 * r + 1]!;
    count[c]! += 1;
  });
  return Float32Array.from(sum, (s, k) => s / Math.max(1, count[k >> 1]!));
}

/** The cloud is this widget's subject, so its points are drawn stronger than under Guidance's samples. */
const CLOUD_ALPHA = { light: 0.5, dark: 0.55 };
/** Each × is a digit's mean code: named by its digit. */
const MARK_LABELS = Array.from({ length: 10 }, (_, k) => String(k));

export default function LatentSpace() {
  const ready = useLabEngine(MODELS);
  const training = useRun((s) => s.models.latent.training);
  const step = useRun((s) => s.models.latent.step);
  // The widget opens on d = 2, the latent that can be drawn as it is (the chapter's picture); the
  // worker's default stays the sharper d = 8, which the d choice offers one click away.
  const [d, setD] = useState<LatentDim>(2);
  const [overview, setOverview] = useState<LatentOverview | null>(null);
  const [latest, setLatest] = useState<LatentSampleResult | null>(null);
  const [pass, setPass] = useState<LatentCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const clock = useTrainingClock(training);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  /** Bumped when the latent DDPM is replaced: a check begun before is not recorded. */
  const generation = useRef(0);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Latent size `size` (fresh: an untrained DDPM): the codes, the reconstruction error, no samples yet. */
  const start = async (size: LatentDim, fresh: boolean): Promise<void> => {
    generation.current++;
    setOverview(null);
    setLatest(null);
    setPass(null);
    clock.reset();
    try {
      const o = await getEngineClient().startLatent(size, fresh);
      if (mounted.current) {
        setOverview(o);
        setError(null);
      }
    } catch (e) {
      if (mounted.current) setError(`Could not start latent diffusion: ${messageOf(e)}`);
    }
  };

  useEffect(() => {
    if (ready) void start(d, false);
  }, [ready]);

  /** One scored sample, unless one is still running (the next tick tries again). */
  const check = async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    const asked = generation.current;
    try {
      const r = await getEngineClient().sampleModel(LATENT_MODEL, { n: LATENT_SCORED, seed: SEED, score: true, owner: 'latent-space' });
      if (r && r.score && mounted.current && asked === generation.current) {
        setLatest(r);
        setPass((p) => firstPass(p, { step: r.step, trainSeconds: r.trainSeconds, score: r.score! }));
      }
    } catch (e) {
      if (mounted.current) setError(messageOf(e));
    } finally {
      inFlight.current = false;
    }
  };

  // Every second while training; once more when it stops, so the figures are the last step's.
  useEffect(() => {
    if (!ready || !overview) return;
    if (!training) {
      if (step > 0 && step !== latest?.step) void check();
      return;
    }
    const timer = setInterval(() => void check(), CHECK_MS);
    return () => clearInterval(timer);
  }, [training, ready, overview]);

  const choose = (size: LatentDim, fresh: boolean): void => {
    if (!fresh && size === d) return;
    const what = fresh ? 'Start the latent DDPM again' : `Switch to a latent of ${size}`;
    if (step > 0 && !window.confirm(`${what}? The ${step} step${step === 1 ? '' : 's'} trained here will be lost.`)) return;
    setD(size);
    void start(size, fresh);
  };

  const cloud = useMemo(() => (overview ? firstTwo(overview.codes, overview.d) : null), [overview]);
  const centres = useMemo(() => (cloud && overview ? classCentres(cloud, overview.labels) : new Float32Array(0)), [cloud, overview]);
  const shown = useMemo(() => (latest ? firstTwo(latest.codes, latest.d, SHOWN) : null), [latest]);
  const pairs = useMemo(() => (overview ? new Float32Array([...overview.reconstruction.originals, ...overview.reconstruction.reconstructions]) : null), [overview]);
  const score = latest?.score ?? null;
  const bar = score ? 0.8 * score.heldOutConfidentShare : null;
  const busy = !ready || training || !overview;

  const status = !ready
    ? 'Starting the engine…'
    : error
      ? 'Latent diffusion stopped: see the message above.'
      : !overview
        ? 'Loading the autoencoder and encoding the training digits…'
        : step === 0 && !training
          ? 'The latent DDPM is untrained: press Train latent model.'
          : pass
            ? `Past the digit bar at step ${pass.step}, after ${pass.trainSeconds.toFixed(1)} s of training${training ? '; still training' : ''}.`
            : training
              ? latest
                ? `Training; not past the bar yet (step ${latest.step}: ${pct(latest.score!.confidentShare)} confident, ${pct(bar!)} needed, ${latest.score!.classesPresent} of 10 digits).`
                : 'Training; the first check comes within a second.'
              : `Paused at step ${step}; not past the bar yet.`;
  const codesWord = d === 2 ? 'the 2-D codes' : 'the first two of the 8 coordinates of each code';

  return (
    <div
      className="widget-body lab-widget image-widget latent-space"
      data-testid="latent-space"
      data-d={d}
      data-checks-step={latest?.step ?? ''}
      data-confident-share={score ? score.confidentShare.toFixed(4) : ''}
      data-bar={bar !== null ? bar.toFixed(4) : ''}
      data-passes={score ? String(score.passes) : ''}
      data-frechet={score ? score.frechet.toFixed(3) : ''}
      data-frechet-noise={score ? score.frechetEnds.noise.toFixed(3) : ''}
      data-frechet-real={score ? score.frechetEnds.real.toFixed(3) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <fieldset className="latent-dims" disabled={busy}>
          <legend>latent size d</legend>
          {LATENT_DIMS.map((size) => (
            <label key={size}>
              <input type="radio" name="latent-size" value={size} checked={d === size} onChange={() => choose(size, false)} />
              {size === 2 ? '2 (drawn as it is)' : '8 (sharper digits)'}
            </label>
          ))}
        </fieldset>
        <div className="lab-buttons">
          <LabTrainButton models={MODELS} ready={ready && overview !== null} label="Train latent model" />
          <button type="button" onClick={() => choose(d, true)} disabled={busy || step === 0}>Start again</button>
        </div>
        <LabProgress model={LATENT_MODEL} name="latent DDPM" />
        <span className="lab-progress" data-testid="latent-elapsed">{clock.seconds.toFixed(1)} s training</span>
        <LabSampling model={LATENT_MODEL} />
      </div>
      <p className="lab-note" role="status" data-testid="latent-status">{status}</p>
      {error && <p role="alert">{error}</p>}
      <div className="image-panels latent-panels">
        <section className="image-panel" aria-label="the digits' latent codes">
          <h4>The digits in latent space</h4>
          {cloud && overview ? (
            <ClassScatter
              label={`${overview.labels.length} training digits' codes (${codesWord}), coloured by digit${shown ? `, with ${shown.length / 2} decoded samples' codes over them` : ''}`}
              data={cloud}
              labels={overview.labels}
              samples={shown}
              sampleClass={-1}
              centres={centres}
              colors={COLORS}
              extent={3}
              cloudAlpha={CLOUD_ALPHA}
              markLabels={MARK_LABELS}
            />
          ) : (
            <p className="image-grid-empty" role="status">{ready ? 'Encoding the digits…' : 'Starting the engine…'}</p>
          )}
          <ul className="xy-legend latent-legend" aria-label="legend: digit colours">
            {COLORS.slice(0, DIGIT_CLASSES).map((c, k) => (
              <LegendKey key={k} color={c} mark="dot">{k}</LegendKey>
            ))}
            <LegendKey color="var(--fg, #1b1f24)" mark="dot">latent DDPM samples ({SHOWN} shown)</LegendKey>
          </ul>
          <p>
            Standardised codes u = (z − m)/s of the {overview?.labels.length ?? ''} training digits: {codesWord}{d === 8 ? ' (the other six are not drawn, so classes overlap here more than they do in the code)' : ''}. × marks each digit&apos;s mean.
          </p>
        </section>
        <section className="image-panel" aria-label="decoded samples">
          <h4>Decoded samples</h4>
          <ImageGrid
            pixels={latest?.pixels ?? null}
            n={GRID}
            columns={8}
            label={latest ? `${GRID} latent samples decoded to 8×8 digits, after ${latest.step} training steps` : 'No samples yet'}
            emptyText={step === 0 ? 'No samples yet: train the latent DDPM' : 'Sampling…'}
          />
          {score && latest ? (
            <ul className="image-score" data-testid="latent-score">
              <li>
                After {latest.step} steps, {LATENT_SCORED} samples: <strong>{pct(score.confidentShare)}</strong> confident (bar {pct(bar!)}, 80% of held-out digits&apos;{' '}
                {pct(score.heldOutConfidentShare)}), {score.classesPresent} of 10 digits: <strong>{score.passes ? 'past the bar' : 'not past the bar'}</strong>.
              </li>
              <li>
                FID <strong data-testid="latent-frechet">{score.frechet.toFixed(2)}</strong>; for {score.frechetEnds.n} images, real digits score{' '}
                {score.frechetEnds.real.toFixed(2)} and noise {score.frechetEnds.noise.toFixed(1)}.
              </li>
            </ul>
          ) : (
            <p>{LATENT_SCORED} codes by DDIM in 50 steps, decoded and scored every second while training; the grid shows {GRID} of them.</p>
          )}
        </section>
      </div>
      <div className="image-panels latent-panels">
        <section className="image-panel" aria-label="pixel space against latent space">
          <h4>Pixel space against latent space</h4>
          <LatentComparisonTable d={d} pass={pass} pending={step === 0 ? 'train first' : 'not yet'} />
        </section>
        <section className="image-panel" aria-label="what the autoencoder loses">
          <h4>What the autoencoder loses</h4>
          {overview ? (
            <>
              <p data-testid="latent-reconstruction" data-mse={overview.reconstruction.mse.toFixed(4)}>
                On {overview.reconstruction.n} held-out digits, reconstruction error <strong>{overview.reconstruction.mse.toFixed(3)}</strong> per pixel (mean squared, pixels
                in [−1, 1]); the classifier reads {pct(overview.reconstruction.accuracy)} of the reconstructions as the right digit ({pct(overview.reconstruction.originalAccuracy)}{' '}
                of the originals). Trained {overview.autoencoderSteps.toLocaleString('en-US')} steps before this page opened.
              </p>
              <ImageGrid
                pixels={pairs}
                n={2 * DIGIT_CLASSES}
                columns={DIGIT_CLASSES}
                maxCell={4}
                label={`Top row: one held-out digit of each class, 0 to 9; bottom row: the autoencoder's reconstruction of each through a latent of ${overview.d}`}
              />
              <p>Top: held-out digits; bottom: decoded from their {overview.d}-number codes.</p>
            </>
          ) : (
            <p className="image-grid-empty" role="status">Loading the autoencoder…</p>
          )}
        </section>
      </div>
    </div>
  );
}
