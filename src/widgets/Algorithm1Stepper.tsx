/**
 * Algorithm 1 (training), one line at a time on four points of the session's own dataset: draw
 * x_0, t and ε, form x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (eq. 3.5), ask the network for ε̂, and compute
 * ‖ε̂ − ε‖². The current line is highlighted and the values it produced are shown beside it. The
 * last line is the engine's real training step, on a batch of the session's size drawn by the
 * engine: the widget says so rather than pretend the four shown points are that batch.
 */
import { useMemo, useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { datasetLabel } from '../session/modelDescription';
import { fromUserPoints, makeDataset } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { useRun } from '../state/runStore';
import { useSettings } from '../state/settingsStore';

const B = 4;
const lines = (dataset: string, batchSize: number): string[] => [
  `x₀ ~ ${dataset} (4 points shown)`,
  't ~ Uniform{1, …, T}',
  'ε ~ N(0, I)',
  'xₜ = √ᾱₜ x₀ + √(1 − ᾱₜ) ε',
  'ε̂ = ε_θ(xₜ, t)',
  'loss = ¼ Σ ‖ε̂ − ε‖² (mean over the 4 points)',
  `take an optimizer step on the loss (the engine: one step on a batch of ${batchSize})`,
];

const fmt = (a: ArrayLike<number>, p: number) => `(${a[2 * p]!.toFixed(2)}, ${a[2 * p + 1]!.toFixed(2)})`;

export default function Algorithm1Stepper() {
  const config = useRun((s) => s.config);
  const ready = useRun((s) => s.status === 'ready');
  const controlsHidden = useSettings((s) => s.controls === 'hidden');
  const schedule = useMemo(() => makeSchedule({ kind: config.schedule, T: config.T }), [config.schedule, config.T]);
  const LINES = lines(datasetLabel(config), config.batchSize);
  const data = useMemo(
    () => (config.dataset === 'custom' ? fromUserPoints(config.points ?? new Float32Array(4)).points : makeDataset(config.dataset, 2000, config.seed + 11).points),
    [config.dataset, config.points, config.seed],
  );
  const [round, setRound] = useState(0);
  const [line, setLine] = useState(-1);
  const [epsHat, setEpsHat] = useState<Float32Array | null>(null);
  const [busy, setBusy] = useState(false);

  const batch = useMemo(() => {
    const rng = makeRng(1000 + round);
    const idx = Array.from({ length: B }, () => rng.int(data.length / 2));
    const x0 = Float32Array.from(idx.flatMap((k) => [data[2 * k]!, data[2 * k + 1]!]));
    const t = idx.map(() => 1 + rng.int(schedule.T));
    const eps = rng.normals(2 * B);
    const xt = new Float32Array(2 * B);
    t.forEach((tt, p) => xt.set(qSample(x0.subarray(2 * p, 2 * p + 2), eps.subarray(2 * p, 2 * p + 2), tt - 1, schedule), 2 * p));
    return { x0, t, eps, xt };
  }, [round, data, schedule]);

  const loss = epsHat ? Array.from(epsHat).reduce((s, v, k) => s + (v - batch.eps[k]!) ** 2, 0) / B : null;

  const next = async (): Promise<void> => {
    const upcoming = line + 1;
    if (upcoming >= LINES.length) {
      setRound((r) => r + 1);
      setLine(-1);
      setEpsHat(null);
      return;
    }
    setBusy(true);
    try {
      if (upcoming === 4) {
        // each point has its own t, so one request per point
        const parts = await Promise.all(batch.t.map((tt, p) => getEngineClient().predict(batch.xt.slice(2 * p, 2 * p + 2), tt - 1)));
        setEpsHat(Float32Array.from(parts.flatMap((e) => Array.from(e))));
      }
      if (upcoming === 6) await getEngineClient().step(1);
    } catch {
      return; // the worker restarted or the request was refused; the line stays put
    } finally {
      setBusy(false);
    }
    setLine(upcoming);
  };

  const values: Array<string | null> = [
    Array.from({ length: B }, (_, p) => fmt(batch.x0, p)).join('  '),
    batch.t.join(', '),
    Array.from({ length: B }, (_, p) => fmt(batch.eps, p)).join('  '),
    Array.from({ length: B }, (_, p) => fmt(batch.xt, p)).join('  '),
    epsHat ? Array.from({ length: B }, (_, p) => fmt(epsHat, p)).join('  ') : null,
    loss === null ? null : loss.toFixed(4),
    `the engine took one ${config.optimizer === 'adam' ? 'Adam' : config.optimizer} step, on a fresh batch of ${config.batchSize} points it drew (not only the 4 above)`,
  ];

  return (
    <div className="widget-body algorithm-stepper" data-testid="algorithm1-stepper">
      <ol className="algorithm">
        {LINES.map((text, k) => (
          <li key={text} className={k === line ? 'current' : k < line ? 'done' : ''} aria-current={k === line ? 'step' : undefined}>
            <code>{text}</code>
            {k <= line && values[k] && <span className="algorithm-value" data-line={k}>{values[k]}</span>}
          </li>
        ))}
      </ol>
      <p className="hint" data-testid="algorithm1-loss-note">
        This loss adds the squared errors of x and y; the loss curve and the training panel average them per coordinate, so they read half of it.
      </p>
      {!controlsHidden && (
        <button type="button" onClick={() => void next()} disabled={!ready || busy}>
          {line + 1 >= LINES.length ? 'New batch' : `Run line ${line + 2}`}
        </button>
      )}
    </div>
  );
}
