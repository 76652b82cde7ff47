/**
 * Chapter 7: the source notes' one-shot denoiser (eq. 7.2: no timestep, x_T straight to x_0 with
 * squared error) beside DDPM sampling, both on the sine-wave signals and both started from the
 * same pure-noise x_T. Squared error makes the best one-shot map E[x_0 | x_T] (eq. 7.3), and x_T
 * says almost nothing about x_0, so every output lands near the average signal: flat. The spread
 * across outputs, (1/L) Σ_j Var_k x_k[j], puts a number on it (about 1 for the data).
 */
import { useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { PALETTE } from '../charts/palette';
import { SignalLines } from '../charts/SignalLines';
import { StatBars } from '../charts/StatBars';
import '../charts/labCharts.css';
import { spreadAcrossSignals } from '../engine/signalStats';
import { SINE_LENGTH } from '../engine/labSettings';
import { ONE_SHOT_TRAINS } from '../worker/labConfig';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { sineData } from './SineSignals';

const L = SINE_LENGTH;
const N = 32;
const DRAWN = 6;
const COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.sky, PALETTE.vermillion];

const rows = (a: Float32Array, n: number) => Array.from({ length: n }, (_, k) => a.subarray(k * L, (k + 1) * L));

export default function OneShotVsDdpm() {
  const ready = useLabEngine(ONE_SHOT_TRAINS);
  const data = sineData();
  const dataSpread = useMemo(() => spreadAcrossSignals(data.points.subarray(0, 500 * L), 500, L), [data]);
  const [result, setResult] = useState<{ oneShot: Float32Array; ddpm: Float32Array; step: number; ddpmStep: number } | null>(null);
  const [seed, setSeed] = useState(101);
  const [error, setError] = useState<string | null>(null);

  const spreads = result ? { oneShot: spreadAcrossSignals(result.oneShot, N, L), ddpm: spreadAcrossSignals(result.ddpm, N, L) } : null;

  const sample = async (): Promise<void> => {
    setError(null);
    try {
      const r = await getEngineClient().sampleModel('oneShot', { n: N, seed });
      setSeed((s) => s + 1);
      if (r?.oneShot) setResult({ oneShot: r.oneShot, ddpm: r.points, step: r.step, ddpmStep: r.ddpmStep ?? 0 });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const empty = ready ? 'Train, then press Sample' : 'Starting the engine…';
  return (
    <div
      className="widget-body lab-widget"
      data-testid="one-shot-vs-ddpm"
      data-spread-data={dataSpread.toFixed(4)}
      data-spread-oneshot={spreads ? spreads.oneShot.toFixed(4) : ''}
      data-spread-ddpm={spreads ? spreads.ddpm.toFixed(4) : ''}
      data-ddpm-finite={result ? String(result.ddpm.every(Number.isFinite)) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={ONE_SHOT_TRAINS} ready={ready} label="Train both" />
          <button type="button" onClick={() => void sample()} disabled={!ready}>Sample from the same x_T</button>
        </div>
        <div>
          <LabProgress model="oneShot" name="one-shot network" />
          <LabProgress model="signals" name="DDPM (shared with the sine-wave widget)" />
        </div>
        <LabSampling model="oneShot" />
      </div>
      <div className="lab-panels">
        <section className="lab-panel" aria-label="one-shot denoiser outputs">
          <h4>One-shot: f(x_T)</h4>
          <SignalLines
            description={result ? `${DRAWN} outputs of the one-shot denoiser for ${DRAWN} pure-noise inputs` : 'No outputs yet'}
            series={result ? rows(result.oneShot, DRAWN).map((v, k) => ({ key: `one${k}`, values: v, color: COLORS[k]! })) : []}
            emptyText={empty}
          />
          <p>{result ? `After ${result.step} training steps. ` : ''}One network pass, no timestep. Its loss cannot fall much below the data's variance ({dataSpread.toFixed(2)}): predicting the average signal is the best it can do.</p>
        </section>
        <section className="lab-panel" aria-label="DDPM samples">
          <h4>DDPM from the same x_T</h4>
          <SignalLines
            description={result ? `${DRAWN} DDPM samples started from the same noise` : 'No samples yet'}
            series={result ? rows(result.ddpm, DRAWN).map((v, k) => ({ key: `ddpm${k}`, values: v, color: COLORS[k]! })) : []}
            emptyText={empty}
          />
          <p>{result ? `After ${result.ddpmStep} training steps. ` : ''}Many small steps, each told its t, with fresh noise σ<sub>t</sub>z between them.</p>
        </section>
      </div>
      <StatBars
        description={`Spread across ${N} outputs: training data ${dataSpread.toFixed(2)}, one-shot ${spreads ? spreads.oneShot.toFixed(2) : 'not sampled'}, DDPM ${spreads ? spreads.ddpm.toFixed(2) : 'not sampled'}`}
        max={Math.max(1.2, dataSpread)}
        bars={[
          { key: 'data', label: 'training signals', value: dataSpread, color: PALETTE.grey },
          { key: 'oneShot', label: 'one-shot', value: spreads?.oneShot ?? Number.NaN, color: PALETTE.vermillion },
          { key: 'ddpm', label: 'DDPM', value: spreads?.ddpm ?? Number.NaN, color: PALETTE.blue },
        ]}
      />
      <p className="lab-note">
        Spread across {N} outputs: the variance between outputs at each position j, averaged over j. It is about 1 for the training signals and near 0 when every
        output is the same flat line.
      </p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
