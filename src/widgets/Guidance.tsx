/**
 * Chapter 7, classifier-free guidance: one denoiser ε_θ(x_t, t, c) trained on three labelled blobs
 * with the label dropped to ∅ one time in ten, sampled with ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅)
 * (eq. 7.4; w = 0 is plain conditional sampling). The blobs overlap, so even exact conditional
 * samples fall in a neighbour's region now and then; guidance tilts them towards where class c
 * is distinctive. Readouts compare the samples with the class's own data: the share that the
 * true mixture's Bayes rule assigns to class c, and the mean distance from the class centre.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { ClassScatter } from '../charts/ClassScatter';
import { PALETTE } from '../charts/palette';
import { BLOB_CLASSES, blobCentres, classPurity, labelledBlobs } from '../engine/datasets';
import { BLOB_COUNT, BLOB_SEED, DROP_LABEL } from '../engine/labSettings';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { Slider } from './Slider';

const COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green] as const;
const NAMES = ['top', 'lower left', 'lower right'] as const;
const N = 400;
/** The model this widget trains and samples. */
const GUIDED = ['guided'] as const;

interface Stats {
  purity: number;
  meanDistance: number;
}

function statsOf(points: Float32Array, c: number, centres: Float32Array): Stats {
  const n = points.length / 2;
  let d = 0;
  for (let i = 0; i < n; i++) d += Math.hypot(points[2 * i]! - centres[2 * c]!, points[2 * i + 1]! - centres[2 * c + 1]!) / n;
  return { purity: classPurity(points, c), meanDistance: d };
}

const pct = (v: number) => `${Math.round(100 * v)}%`;

export default function Guidance() {
  const ready = useLabEngine(GUIDED);
  const set = useMemo(() => labelledBlobs(BLOB_COUNT, BLOB_SEED), []);
  const centres = useMemo(() => blobCentres(), []);
  const dataStats = useMemo(
    () => Array.from({ length: BLOB_CLASSES }, (_, c) => statsOf(set.points.filter((_, j) => set.labels[j >> 1] === c), c, centres)),
    [set, centres],
  );
  const [c, setC] = useState(0);
  const [w, setW] = useState(0);
  const [samples, setSamples] = useState<{ points: Float32Array; c: number; w: number; step: number } | null>(null);
  const [history, setHistory] = useState<Record<string, Stats & { c: number; w: number }>>({});
  const [error, setError] = useState<string | null>(null);
  const seed = useRef(1);

  const sample = async (cls: number, weight: number): Promise<void> => {
    setError(null);
    try {
      const r = await getEngineClient().sampleModel('guided', { n: N, seed: seed.current++, classLabel: cls, w: weight });
      if (!r) return; // a newer request took over
      setSamples({ points: r.points, c: cls, w: weight, step: r.step });
      setHistory((h) => ({ ...h, [`${cls}:${weight}`]: { ...statsOf(r.points, cls, centres), c: cls, w: weight } }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // Once the reader has sampled, a new class or weight samples again (after the slider settles).
  const hasSampled = samples !== null;
  useEffect(() => {
    if (!hasSampled || !ready) return;
    const timer = setTimeout(() => void sample(c, w), 300);
    return () => clearTimeout(timer);
  }, [c, w]);

  const current = samples ? statsOf(samples.points, samples.c, centres) : null;
  const rows = Object.values(history).filter((h) => h.c === c).sort((a, b) => a.w - b.w);
  return (
    <div
      className="widget-body lab-widget"
      data-testid="guidance"
      data-sample-class={samples?.c ?? ''}
      data-sample-w={samples?.w ?? ''}
      data-purity={current ? current.purity.toFixed(4) : ''}
      data-mean-distance={current ? current.meanDistance.toFixed(4) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <fieldset className="lab-classes">
          <legend>class c</legend>
          {NAMES.map((name, k) => (
            <label key={name}>
              <input type="radio" name="guidance-class" value={k} checked={c === k} onChange={() => setC(k)} />
              <span className="lab-swatch" style={{ background: COLORS[k] }} aria-hidden="true" />
              {name}
            </label>
          ))}
        </fieldset>
        <Slider label="guidance weight w" value={w} min={0} max={5} step={0.25} onChange={setW} format={(v) => v.toFixed(2)} />
      </div>
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={GUIDED} ready={ready} />
          <button type="button" onClick={() => void sample(c, w)} disabled={!ready}>Sample</button>
        </div>
        <LabProgress model="guided" name="conditional denoiser" />
        <LabSampling model="guided" />
      </div>
      <div className="lab-guidance">
        <ClassScatter
          label={samples ? `${N} samples of class ${NAMES[samples.c]} at w = ${samples.w}, over the labelled data` : 'The labelled data: three overlapping blobs'}
          data={set.points}
          labels={set.labels}
          samples={samples?.points ?? null}
          sampleClass={samples?.c ?? c}
          centres={centres}
          colors={COLORS}
        />
        <div className="lab-readouts">
          <ul className="xy-legend" aria-label="legend">
            <li>faint dots: training data, coloured by class</li>
            <li>large dots: samples</li>
            <li>×: class centres</li>
          </ul>
          {current && samples ? (
            <p className="widget-readout" data-testid="guidance-readout">
              Class {NAMES[samples.c]}, w = {samples.w} (after {samples.step} steps): {pct(current.purity)} of the samples lie where the true mixture makes class{' '}
              {NAMES[samples.c]} the most likely (its own data: {pct(dataStats[samples.c]!.purity)}); mean distance from its centre {current.meanDistance.toFixed(2)}{' '}
              (data {dataStats[samples.c]!.meanDistance.toFixed(2)}).
            </p>
          ) : (
            <p className="lab-note">
              Train (labels are hidden from the network {Math.round(DROP_LABEL * 100)}% of the time, so it also learns ε_θ(x_t, t, ∅)), then Sample. Changing the class or w then
              samples again.
            </p>
          )}
          {rows.length > 0 && (
            <table className="lab-table" aria-label={`samples of class ${NAMES[c]} so far`}>
              <thead>
                <tr><th scope="col">w</th><th scope="col">in class region</th><th scope="col">distance from centre</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.w} className={samples && r.w === samples.w && r.c === samples.c ? 'current' : ''}>
                    <td>{r.w.toFixed(2)}</td><td>{pct(r.purity)}</td><td>{r.meanDistance.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="lab-note">ε̃ = (1 + w)·ε_θ(x_t, t, c) − w·ε_θ(x_t, t, ∅): w = 0 is plain conditional sampling; a guidance scale s in the other convention is 1 + w.</p>
          {error && <p role="alert">{error}</p>}
        </div>
      </div>
    </div>
  );
}
