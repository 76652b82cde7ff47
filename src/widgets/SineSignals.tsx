/**
 * Chapter 7, whole signals: a few training sine waves (eq. 7.1), the forward process noising one
 * of them (x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε on all 32 values at once), and fresh samples from a small
 * DDPM trained on the signals in the worker. Each sample is fitted with A sin(2πfj/L + φ) + c to
 * say how sine-like it is and whether its amplitude and frequency fall where the data's do.
 */
import { useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { SignalLines } from '../charts/SignalLines';
import '../charts/labCharts.css';
import { makeSineWaves } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { fitSine } from '../engine/signalStats';
import { LAB_SCHEDULE, SINE_COUNT, SINE_LENGTH, SINE_SEED } from '../engine/labSettings';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { Slider } from './Slider';

const L = SINE_LENGTH;
const COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.sky, PALETTE.vermillion];
const SHOWN = 4;
const N_SAMPLES = 4;
/** The model this widget trains and samples. */
const SIGNALS = ['signals'] as const;

let cached: ReturnType<typeof makeSineWaves> | null = null;
/** The lab's training signals (the worker builds the same set from the same seed). */
export function sineData(): ReturnType<typeof makeSineWaves> {
  return (cached ??= makeSineWaves(SINE_COUNT, SINE_SEED, L));
}

const row = (a: Float32Array, k: number): Float32Array => a.subarray(k * L, (k + 1) * L);
const range = (v: number[]): string => (v.length ? `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}` : '–');

export default function SineSignals() {
  const ready = useLabEngine(SIGNALS);
  const data = sineData();
  const schedule = useMemo(() => makeSchedule(LAB_SCHEDULE), []);
  const noise = useMemo(() => makeRng(7).normals(L), []);
  const [t, setT] = useState(40);
  const [samples, setSamples] = useState<{ points: Float32Array; step: number } | null>(null);
  const [seed, setSeed] = useState(1);
  const [error, setError] = useState<string | null>(null);

  const x0 = row(data.points, 0);
  const xt = t === 0 ? x0 : qSample(x0, noise, t - 1, schedule);
  const signal = t === 0 ? 1 : Math.sqrt(schedule.alphaBars[t - 1]!);
  // Eq. 7.1 in standardised units: A ∈ [0.5, 1.5] / σ, f ∈ [1, 3] cycles per window.
  const sigma = data.std[0]!;
  const fits = useMemo(() => (samples ? Array.from({ length: samples.points.length / L }, (_, k) => fitSine(row(samples.points, k))) : []), [samples]);
  const finite = samples ? samples.points.every(Number.isFinite) : false;

  const sample = async (): Promise<void> => {
    setError(null);
    try {
      const result = await getEngineClient().sampleModel('signals', { n: N_SAMPLES, seed });
      setSeed((s) => s + 1);
      if (result) setSamples({ points: result.points, step: result.step });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div
      className="widget-body lab-widget"
      data-testid="sine-signals"
      data-sample-step={samples?.step ?? ''}
      data-samples-finite={samples ? String(finite) : ''}
      data-sample-amplitudes={fits.map((f) => f.amplitude.toFixed(4)).join(',')}
      data-sample-frequencies={fits.map((f) => f.frequency.toFixed(4)).join(',')}
      data-sample-residuals={fits.map((f) => f.residual.toFixed(4)).join(',')}
      data-data-amplitude-range={`${(0.5 / sigma).toFixed(4)},${(1.5 / sigma).toFixed(4)}`}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={SIGNALS} ready={ready} />
          <button type="button" onClick={() => void sample()} disabled={!ready}>Sample</button>
        </div>
        <LabProgress model="signals" name="DDPM on signals" />
        <LabSampling model="signals" />
      </div>
      <div className="lab-panels">
        <section className="lab-panel" aria-label="training signals">
          <h4>Training signals x₀</h4>
          <SignalLines
            description={`${SHOWN} of the ${SINE_COUNT} training sine waves, ${L} samples each`}
            series={Array.from({ length: SHOWN }, (_, k) => ({ key: `data${k}`, values: row(data.points, k), color: COLORS[k]! }))}
          />
          <p>Random amplitude, frequency and phase (eq. 7.1), all scaled by one shared σ.</p>
        </section>
        <section className="lab-panel" aria-label="forward process">
          <h4>Forward process, t = {t}</h4>
          <SignalLines
            description={`The first training signal and its noised version x_t at t = ${t}`}
            series={[
              { key: 'x0', values: x0, color: PALETTE.grey, dash: '4 3', width: 1.5 },
              { key: 'xt', values: xt, color: PALETTE.vermillion },
            ]}
          />
          <Slider label="t" value={t} min={0} max={schedule.T} step={1} onChange={setT} />
          <p>
            x<sub>t</sub> = {signal.toFixed(2)}·x₀ + {Math.sqrt(1 - signal * signal).toFixed(2)}·ε: all {L} values get their own noise.
            Dashed: x₀.
          </p>
        </section>
        <section className="lab-panel" aria-label="samples from the DDPM">
          <h4>Fresh samples</h4>
          <SignalLines
            description={samples ? `${fits.length} signals sampled by the DDPM from pure noise` : 'No samples yet'}
            series={samples ? fits.map((_, k) => ({ key: `sample${k}`, values: row(samples.points, k), color: COLORS[k % COLORS.length]! })) : []}
            emptyText={ready ? 'Train, then press Sample' : 'Starting the engine…'}
          />
          {samples ? (
            <p className="widget-readout" data-testid="sine-fit">
              After {samples.step} training steps. Fitted A sin(2πfj/{L} + φ): A {range(fits.map((f) => f.amplitude))}, f {range(fits.map((f) => f.frequency))}; the data have A{' '}
              {(0.5 / sigma).toFixed(2)}–{(1.5 / sigma).toFixed(2)}, f 1–3. Unexplained by the fit: {Math.round(100 * median(fits.map((f) => f.residual)))}% (median).
            </p>
          ) : (
            <p>Sampling runs Algorithm 2 over all {schedule.T} steps from pure noise. An untrained model returns noise.</p>
          )}
          {error && <p role="alert">{error}</p>}
        </section>
      </div>
    </div>
  );
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
}
