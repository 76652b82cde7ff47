/**
 * Chapter 8, pictures are points too: 16 training digits noised by the closed form q(x_t | x_0)
 * (eq. 3.5, x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, every pixel its own ε) at the shared timestep t, under
 * the image model's cosine schedule (T = 1000), beside the histogram of all their pixel values
 * against the exact density of eq. 8.2 and N(0, 1). Each pixel keeps its ε as t moves.
 */
import { useMemo } from 'react';
import { ImageGrid } from '../charts/ImageGrid';
import { PixelHistogram } from '../charts/PixelHistogram';
import { DIGIT_DIM, DIGIT_SIDE, digitsTrain } from '../engine/datasets/digits';
import { qSample } from '../engine/forward';
import { gaussianPdf } from '../engine/gaussian';
import { densityHistogram, noisedPixelDensity } from '../engine/pixelHistogram';
import { makeRng } from '../engine/rng';
import { linspace, makeSchedule } from '../engine/schedule';
import { IMAGE_SCHEDULE } from '../worker/imageConfig';
import { updateSettings, useSettings } from '../state/settingsStore';
import { Slider } from './Slider';
import { useDigits } from './useDigits';
import './imageWidgets.css';

const N = 16;
/** A number with a true minus sign, as the page's text writes it. */
const signed = (v: number, digits: number): string => v.toFixed(digits).replace(/^-/, '−');
const EXTENT = 4;
const BINS = 40;
const U = linspace(-EXTENT, EXTENT, 161);
const NORMAL = { u: U, density: U.map((u) => gaussianPdf(u, 0, 1)) };

function meanStd(v: Float32Array): { mean: number; std: number } {
  let s = 0;
  for (const x of v) s += x;
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length) };
}

export default function ImageForward() {
  const { digits, error } = useDigits();
  const T = IMAGE_SCHEDULE.T;
  const t = Math.min(T, useSettings((s) => s.t));
  const schedule = useMemo(() => makeSchedule(IMAGE_SCHEDULE), []);
  const x0 = useMemo(() => (digits ? digitsTrain(digits).points.slice(0, N * DIGIT_DIM) : null), [digits]);
  const eps = useMemo(() => makeRng(8).normals(N * DIGIT_DIM), []);
  const xt = useMemo(() => (x0 ? (t === 0 ? x0 : qSample(x0, eps, t - 1, schedule)) : null), [x0, eps, t, schedule]);
  const histogram = useMemo(() => (xt ? densityHistogram(xt, -EXTENT, EXTENT, BINS) : null), [xt]);
  // Eq. 8.2 over the same clean pixels; at t = 0 it is 17 spikes, which the bars already show.
  const mixture = useMemo(() => (x0 && t > 0 ? { u: U, density: noisedPixelDensity(U, x0, t - 1, schedule) } : null), [x0, t, schedule]);
  const stats = xt ? meanStd(xt) : null;
  const alphaBar = t === 0 ? 1 : schedule.alphaBars[t - 1]!;

  return (
    <div
      className="widget-body image-widget"
      data-testid="image-forward"
      data-t={t}
      data-pixel-mean={stats ? stats.mean.toFixed(4) : ''}
      data-pixel-std={stats ? stats.std.toFixed(4) : ''}
    >
      <div className="widget-controls">
        <Slider label="timestep t" setting="t" value={t} min={0} max={T} step={1} onChange={(v) => updateSettings({ t: v })} />
      </div>
      {error && <p role="alert">{error}</p>}
      <div className="image-panels">
        <section className="image-panel" aria-label="noised digits">
          <ImageGrid
            pixels={xt}
            n={N}
            width={DIGIT_SIDE}
            height={DIGIT_SIDE}
            columns={4}
            maxCell={7}
            label={`${N} training digits noised to t = ${t} of ${T}`}
            emptyText={error ? 'No digits' : 'loading the digits…'}
          />
        </section>
        <section className="image-panel" aria-label="pixel values">
          {histogram && (
            <PixelHistogram
              histogram={histogram}
              mixture={mixture}
              normal={NORMAL}
              label={`histogram of the ${N * DIGIT_DIM} pixel values at t = ${t}`}
            />
          )}
          <p className="widget-readout">
            <strong data-record-readout="">t = {t}</strong> of {T} (cosine schedule): ᾱ_t = <strong>{alphaBar.toPrecision(3)}</strong>, so x_t keeps{' '}
            {Math.sqrt(alphaBar).toFixed(3)} of each pixel and adds noise of standard deviation {Math.sqrt(1 - alphaBar).toFixed(3)}.
            {stats && (
              <>
                {' '}Pixel values: mean {signed(stats.mean, 2)}, standard deviation {stats.std.toFixed(2)}.
              </>
            )}
          </p>
          <ul className="xy-legend" aria-label="legend">
            <li>bars: the pixel values of the grid</li>
            <li><span className="image-key" style={{ borderColor: '#0072B2' }} aria-hidden="true" /> solid: their exact density, eq. 8.2</li>
            <li><span className="image-key dashed" style={{ borderColor: '#D55E00' }} aria-hidden="true" /> dashed: N(0, 1)</li>
          </ul>
        </section>
      </div>
    </div>
  );
}
