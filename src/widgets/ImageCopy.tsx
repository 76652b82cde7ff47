/**
 * Chapter 8, "Does it copy?": 16 samples of the digits model, each beside its nearest training image
 * with the distance d(x) = min_j ‖x − x^(j)‖₂ of eq. 8.4, closest (most suspicious) first; a strip
 * plot of those distances against the same distances for held-out digits, which the model never saw
 * (the yardstick for "close"); and a verdict true for the numbers shown. "Sample again" draws from a
 * new seed. The worker samples and searches the training split (imageModels.ts, imageNearest.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import type { ImageNearest } from '../worker/protocol';
import { DistanceStrip } from '../charts/DistanceStrip';
import { CopyPairs } from './CopyPairs';
import { copyVerdict, formatDistance } from './copyVerdict';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import './imageWidgets.css';

const IMAGES = ['images'] as const;
const N = 16;
const DDIM_STEPS = 50;
const FIRST_SEED = 1;

interface Drawn {
  samples: Float32Array;
  nearest: ImageNearest;
  step: number;
  seed: number;
}

export default function ImageCopy() {
  const ready = useLabEngine(IMAGES);
  const training = useRun((s) => s.models.images.training);
  const step = useRun((s) => s.models.images.step);
  const [seed, setSeed] = useState(FIRST_SEED);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [draws, setDraws] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** 16 samples from `s` with their nearest training images; a newer draw of this widget supersedes it. */
  const draw = async (s: number): Promise<void> => {
    const id = ++latest.current;
    setError(null);
    setPending(true);
    try {
      const r = await getEngineClient().sampleModel('images', { n: N, seed: s, w: 0, steps: DDIM_STEPS, nearest: true, owner: 'image-copy' });
      if (!mounted.current || id !== latest.current) return;
      if (!r?.nearest) {
        setError('Another sample of the digits model took over before this one finished; Sample again.');
        return;
      }
      setDrawn({ samples: r.pixels, nearest: r.nearest, step: r.step, seed: s });
      setDraws((k) => k + 1);
    } catch (e) {
      if (mounted.current && id === latest.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mounted.current && id === latest.current) setPending(false);
    }
  };

  // The first draw as soon as the engine answers; again when training stops (a newer network, same seed).
  useEffect(() => {
    if (ready && (!drawn || !training)) void draw(seed);
  }, [ready, training]);

  const again = (): void => {
    const next = seed + 1;
    setSeed(next);
    void draw(next);
  };

  const verdict = useMemo(() => (drawn ? copyVerdict(drawn.nearest.distance, drawn.nearest.heldOutDistances, drawn.step === 0) : null), [drawn]);
  const held = verdict?.heldOut;
  return (
    <div
      className="widget-body lab-widget image-widget image-copy"
      data-testid="image-copy"
      data-draws={draws}
      data-seed={drawn?.seed ?? ''}
      data-step={drawn?.step ?? ''}
      data-held-out-median={held ? held.median : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <button type="button" onClick={again} disabled={!ready}>Sample again</button>
          <LabTrainButton models={IMAGES} ready={ready} />
        </div>
        <LabProgress model="images" name="digits DDPM" />
        <LabSampling model="images" />
      </div>
      {ready && step === 0 && !training && (
        <p className="lab-note" data-testid="copy-untrained">The digits model is untrained, so its samples are noise: Train it for a few seconds; pausing draws the samples again.</p>
      )}
      {error && <p role="alert">{error}</p>}
      <p className="lab-note copy-status" role="status">
        {!ready
          ? 'Starting the engine…'
          : pending
            ? `Drawing ${N} samples (DDIM, ${DDIM_STEPS} steps), then finding each one’s nearest training image…`
            : drawn
              ? `Seed ${drawn.seed}, after ${drawn.step} training steps.`
              : ''}
      </p>
      {drawn && verdict && held ? (
        <>
          <section className="copy-pairs-panel" aria-label="samples beside their nearest training images">
            <p className="copy-legend">Each pair: a sample (left) and its nearest training image (right), with their distance d(x) of eq. 8.4. Closest first.</p>
            <CopyPairs samples={drawn.samples} nearest={drawn.nearest.pixels} index={drawn.nearest.index} distance={drawn.nearest.distance} />
          </section>
          <div className="image-panels copy-panels">
            <section className="image-panel" aria-label="distances against held-out digits">
              <DistanceStrip
                samples={drawn.nearest.distance}
                heldOut={drawn.nearest.heldOutDistances}
                heldOutSummary={held}
                label={`Distances to the nearest training image: ${N} samples, closest ${formatDistance(verdict.samples.min)}; ${held.n} held-out digits, median ${formatDistance(held.median)}`}
              />
              <dl className="copy-figures">
                <dt>closest sample</dt>
                <dd data-testid="copy-closest">{formatDistance(verdict.samples.min, held.min)}</dd>
                <dt>samples’ median</dt>
                <dd>{formatDistance(verdict.samples.median)}</dd>
                <dt>held-out median</dt>
                <dd data-testid="copy-yardstick">{formatDistance(held.median)}</dd>
                <dt>closest held-out digit</dt>
                <dd data-testid="copy-held-out-closest">{formatDistance(held.min, verdict.samples.min)}</dd>
              </dl>
            </section>
            <section className="image-panel" aria-label="what the distances say">
              <p className="widget-readout" data-testid="copy-verdict">{verdict.text}</p>
              <p className="lab-note">Distances over all 64 pixels on the model’s scale, −1 (background) to +1 (ink). Held-out digits are real digits kept out of training.</p>
            </section>
          </div>
        </>
      ) : (
        !error && <p className="image-grid-empty">{ready ? 'Waiting for the first samples…' : 'Starting the engine…'}</p>
      )}
    </div>
  );
}
