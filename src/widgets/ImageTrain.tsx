/**
 * Chapter 8, train it here: the digits model (Algorithm 1 on 8×8 images, in the worker) trained
 * and paused from the page, with 64 samples drawn by DDIM from the SAME starting noise x_T (one
 * fixed seed) every ~2 s while it trains, so the reader watches the same 64 samples sharpen. A
 * refresh waits for the one before it. Each refresh is scored by the digit yardstick (a fixed
 * classifier): confident share, classes present, evenness and the Fréchet distance of eq. 8.3.
 * A select switches to the 16×16 shapes model (its own model, classifier and pretrained default);
 * the grid's image size comes from the model's reply.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import { DigitSampleGrid } from './DigitSampleGrid';
import { ImageLossCurve } from './ImageLossCurve';
import type { ImageScore } from '../worker/protocol';
import { CONFIDENT } from '../engine/images/sampleQuality';
import { ImageModelControls } from './ImageModelControls';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { IMAGE_DATASET_INFO, ImageDatasetSelect, type ImageDatasetName } from './imageDatasetChoice';
import './imageWidgets.css';

const N = 64;
/** The one seed of the grid: same seed, same x_T, so only the network changes between refreshes. */
const GRID_SEED = 8;
const DDIM_STEPS = 50;
const REFRESH_MS = 2000;

interface Grid {
  pixels: Float32Array;
  step: number;
  width: number;
  height: number;
  score: ImageScore | null;
  classes: number;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

export default function ImageTrain() {
  const [dataset, setDataset] = useState<ImageDatasetName>('digits');
  const info = IMAGE_DATASET_INFO[dataset];
  const model = info.model;
  const models = useMemo(() => [model] as const, [model]);
  const ready = useLabEngine(models);
  const training = useRun((s) => s.models[model].training);
  const step = useRun((s) => s.models[model].step);
  /** The model a refresh samples (read when it starts, so the interval's closure follows the select). */
  const current = useRef(info);
  current.current = info;
  const [grid, setGrid] = useState<Grid | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);

  /** Set when the model was replaced while a sample ran: that sample is cancelled, so draw again after it. */
  const again = useRef(false);

  /** One scored sample of the grid, unless one is still running (the next tick tries again; `force`: right after it). */
  const refresh = async (force = false): Promise<void> => {
    if (inFlight.current) {
      if (force) again.current = true;
      return;
    }
    inFlight.current = true;
    setPending(true);
    const asked = current.current;
    try {
      const r = await getEngineClient().sampleModel(asked.model, { n: N, seed: GRID_SEED, w: 0, steps: DDIM_STEPS, score: true, owner: 'image-train' });
      if (r && mounted.current && asked === current.current) {
        setGrid({ pixels: r.pixels, step: r.step, width: r.width, height: r.height, score: r.score ?? null, classes: asked.words.length });
        setRefreshes((k) => k + 1);
        setError(null);
      }
    } catch (e) {
      if (mounted.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      inFlight.current = false;
      if (mounted.current) setPending(false);
      if (mounted.current && asked !== current.current) again.current = true; // the select changed meanwhile: draw the new model's grid
      if (again.current && mounted.current) {
        again.current = false;
        void refresh();
      }
    }
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The first grid as soon as the engine answers (it loads the digits in the worker first).
  useEffect(() => {
    if (ready && !grid) void refresh();
  }, [ready]);

  // Every ~2 s while training; once more when training stops, so the grid shows the last step.
  useEffect(() => {
    if (!ready) return;
    if (!training) {
      if (grid) void refresh();
      return;
    }
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [training, ready]);

  const choose = (d: ImageDatasetName): void => {
    if (d === dataset) return;
    setDataset(d);
    current.current = IMAGE_DATASET_INFO[d];
    setError(null);
    setGrid(null);
    void refresh(true);
  };

  /** The model was started afresh or loaded: draw the grid from it. */
  const replaced = (): void => {
    setError(null);
    setGrid(null);
    void refresh(true);
  };

  const loading = !grid && (pending || !ready) && !error;
  const score = grid?.score ?? null;
  return (
    <div
      className="widget-body lab-widget image-widget"
      data-testid="image-train"
      data-dataset={dataset}
      data-seed={GRID_SEED}
      data-refreshes={refreshes}
      data-grid-step={grid?.step ?? ''}
      data-confident-share={score ? score.confidentShare.toFixed(4) : ''}
      data-passes={score ? String(score.passes) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <ImageDatasetSelect value={dataset} onChange={choose} />
        <div className="lab-buttons">
          <LabTrainButton models={models} ready={ready} />
        </div>
        <LabProgress model={model} name={`${dataset} DDPM`} />
        <ImageModelControls key={model} ready={ready} changed={replaced} model={model} name={dataset} />
        <LabSampling model={model} />
      </div>
      {error && <p role="alert">{error}</p>}
      <div className="image-panels">
        <section className="image-panel" aria-label="samples from fixed noise">
          <DigitSampleGrid pixels={grid?.pixels ?? null} n={N} columns={8} width={grid?.width} height={grid?.height} maxCell={Math.max(2, Math.round(48 / (grid?.width ?? 8)))} what={`the ${dataset}`} label={grid ? `${N} samples from the same starting noise, after ${grid.step} training steps` : 'No samples yet'} loading={loading} ready={ready} />
          <p>
            {grid ? `After ${grid.step} training steps` : 'Not sampled yet'}: {N} samples by DDIM in {DDIM_STEPS} steps, always from the same {N} noise
            images{training ? `, redrawn every ${REFRESH_MS / 1000} s while training` : ''}.
          </p>
        </section>
        <section className="image-panel" aria-label="sample quality">
          <h4>How good are they?</h4>
          {score ? (
            <ul className="image-score" data-testid="image-score">
              <li>
                Confident share: <strong>{pct(score.confidentShare)}</strong> of the {score.n} samples get probability ≥ {CONFIDENT} for one {info.noun} from the classifier (held-out real{' '}
                {dataset}: {pct(score.heldOutConfidentShare)}).
              </li>
              <li>
                Classes present: <strong>{score.classesPresent}</strong> of {grid!.classes} {dataset} among the confident samples; evenness H/log {grid!.classes} of the predicted{' '}
                {dataset}: <strong>{score.normalisedEntropy.toFixed(2)}</strong> (1 when all {grid!.classes} are equally common).
              </li>
              <li>
                Fréchet distance (eq. 8.3) of the classifier's hidden features to the held-out {dataset}': <strong data-testid="frechet">{score.frechet.toFixed(2)}</strong>. Lower is closer; for{' '}
                {score.frechetEnds.n} images, real {dataset} score <span data-testid="frechet-real">{score.frechetEnds.real.toFixed(2)}</span> and noise{' '}
                <span data-testid="frechet-noise">{score.frechetEnds.noise.toFixed(2)}</span>.
              </li>
            </ul>
          ) : (
            <p data-testid="image-score-none">Quality: not scored yet.</p>
          )}
          {score && <p>{step > (grid?.step ?? 0) ? `Scored at step ${grid!.step}; the model is at step ${step} now.` : `Scored at step ${grid!.step}.`}</p>}
          <h4>Loss</h4>
          <ImageLossCurve model={model} />
        </section>
      </div>
    </div>
  );
}
