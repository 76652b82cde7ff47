/**
 * Draw a 2D dataset, train the denoiser on it and sample. A click places one point, a drag sprays
 * a few per move; arrow keys move a cursor and Enter places a point there; preset shapes add
 * whole strokes. The worker standardises the points per axis (fromUserPoints), so samples come
 * back standardised and are mapped back onto the drawing with the same mean and std.
 * The drawing is kept in this browser, and its model with it (per settings, like every model),
 * so both come back after a reload; training on it keeps the model the other chapters used.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { getEngineClient } from '../session/engineClient';
import { freshModel, keptStep, switchModel } from '../session/modelLifecycle';
import { loadDrawing, samePoints, saveDrawing } from '../session/savedModels';
import { DrawPad } from '../charts/DrawPad';
import { PALETTE } from '../charts/palette';
import { fromUserPoints, unstandardize } from '../engine/datasets';
import { makeRng } from '../engine/rng';
import { useRun } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import type { SessionConfig } from '../worker/protocol';
import { Slider } from './Slider';

const EXTENT = 3;
const MAX_POINTS = 3000;
const N_SAMPLES = 500;
const rng = makeRng(2718);

/** Preset strokes for drawing without a pointer, each a flat list of (x, y). */
const SHAPES: Array<{ name: string; make: () => number[] }> = [
  { name: 'ring', make: () => Array.from({ length: 60 }, (_, k) => [Math.cos((2 * Math.PI * k) / 60) * 1.5 + 0.05 * rng.normal(), Math.sin((2 * Math.PI * k) / 60) * 1.5 + 0.05 * rng.normal()]).flat() },
  { name: 'blob', make: () => Array.from({ length: 40 }, () => [1.2 + 0.25 * rng.normal(), 1.2 + 0.25 * rng.normal()]).flat() },
  { name: 'line', make: () => Array.from({ length: 40 }, (_, k) => [-2 + (4 * k) / 39, -1.5 + 0.04 * rng.normal()]).flat() },
];

/** The mean (x, y) of row-major 2D points. */
const meanXY = (p: Float32Array): [number, number] => {
  let x = 0;
  let y = 0;
  for (let k = 0; k < p.length; k += 2) (x += p[k]!), (y += p[k + 1]!);
  return [(2 * x) / p.length, (2 * y) / p.length];
};

const clampToPad = (v: number) => Math.max(-EXTENT, Math.min(EXTENT, v));

export default function DrawDataset() {
  useEffect(() => void getEngineClient(), []);
  const config = useRun((s) => s.config);
  const ready = useRun((s) => s.status === 'ready');
  const training = useRun((s) => s.training);
  const sampling = useRun((s) => s.sampling);
  const step = useRun((s) => s.step);
  const loss = useRun((s) => s.smoothedLoss);
  const [points, setPoints] = useState<number[]>(loadDrawing);
  const [history, setHistory] = useState<number[][]>([]);
  const [spray, setSpray] = useState(3);
  const [cursor, setCursor] = useState({ x: 0, y: 0 });
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [samples, setSamples] = useState<Float32Array | null>(null);
  /** The steps of a model kept for exactly these points (this session's or this browser's), when the engine runs another. */
  const [kept, setKept] = useState<{ step: number; points: Float32Array } | null>(null);
  const count = points.length / 2;
  const drawn = useMemo(() => Float32Array.from(points), [points]);
  // The engine trains on our drawing when its session holds these very points (float32, as sent).
  const ours = config.dataset === 'custom' && samePoints(config.points, drawn);
  const customConfig = (): SessionConfig => ({ ...config, dataset: 'custom', points: drawn, nPoints: count });
  const keptSteps = !ours && kept && kept.points === drawn ? kept.step : null;

  // Keep the drawing (debounced: a drag changes it many times a second).
  useEffect(() => {
    const id = setTimeout(() => saveDrawing(points), 300);
    return () => clearTimeout(id);
  }, [points]);
  // Is there a model for this drawing under the current settings? Asked again when the engine leaves it.
  useEffect(() => {
    if (ours || count < 2) return;
    let live = true;
    const id = setTimeout(() => void keptStep(customConfig()).then((step) => live && setKept(step ? { step, points: drawn } : null)), 200);
    return () => {
      live = false;
      clearTimeout(id);
    };
    // customConfig reads config and drawn, listed here by the parts that change the model
  }, [drawn, ours, count, config.schedule, config.T, config.width, config.depth]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Starts an undoable change: remembers the points as they were. */
  const checkpoint = () => setHistory((h) => [...h.slice(-49), points]);
  const add = (xy: number[]) => setPoints((p) => (p.length / 2 >= MAX_POINTS ? p : [...p, ...xy.map(clampToPad)].slice(0, 2 * MAX_POINTS)));
  const sprayAt = (x: number, y: number) => add(Array.from({ length: spray }, () => [x + 0.12 * rng.normal(), y + 0.12 * rng.normal()]).flat());

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    const d = e.shiftKey ? 0.5 : 0.1;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setCursor((c) => ({ x: clampToPad(c.x + move[0]), y: clampToPad(c.y + move[1]) }));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      checkpoint();
      if (e.key === ' ') sprayAt(cursor.x, cursor.y);
      else add([cursor.x, cursor.y]);
    }
  };

  const trainOnPoints = async (): Promise<void> => {
    setError(null);
    try {
      fromUserPoints(points); // the worker's own validation, run here first so nothing is sent on bad input
    } catch (e) {
      setError(`Can't train on these points: ${e instanceof Error ? e.message : String(e)}.`);
      return;
    }
    const client = getEngineClient();
    try {
      // Fresh weights for the drawing; the model the engine ran is kept for when the reader goes back.
      await freshModel(client, customConfig());
      setSamples(null);
      await client.train();
    } catch (e) {
      setError(`The engine refused the points: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };

  /** Puts the drawing's kept model into the engine (keeping the one it ran). */
  const takeKept = async (): Promise<void> => {
    if (!ours) await switchModel(getEngineClient(), customConfig());
  };

  const resume = async (): Promise<void> => {
    if (ours && training) return void getEngineClient().pause().catch(() => {});
    await takeKept();
    await getEngineClient().train();
  };

  const sample = async (): Promise<void> => {
    await takeKept();
    const { mean, std } = fromUserPoints(points);
    const z = await getEngineClient().sample({ ...DEFAULT_SAMPLING, n: N_SAMPLES }).catch(() => null); // a failure is in the notice
    if (z) setSamples(unstandardize(z, mean, std));
  };

  return (
    <div className="widget-body" data-testid="draw-dataset" data-samples-mean={samples ? meanXY(samples).join(',') : ''}>
      <div className="widget-controls">
        <Slider label="points per brush move" value={spray} min={1} max={8} step={1} onChange={setSpray} />
        <span className="widget-readout" data-testid="draw-count" data-count={count}>
          {count} point{count === 1 ? '' : 's'}{count >= MAX_POINTS ? ` (the limit is ${MAX_POINTS})` : ''}
        </span>
      </div>
      <div className="widget-controls" role="group" aria-label="Edit the drawing">
        <button type="button" onClick={() => (checkpoint(), setPoints([]), setSamples(null))} disabled={count === 0}>Clear</button>
        <button type="button" onClick={() => (setPoints(history.at(-1) ?? []), setHistory((h) => h.slice(0, -1)))} disabled={history.length === 0}>Undo</button>
        {SHAPES.map((s) => (
          <button key={s.name} type="button" onClick={() => (checkpoint(), add(s.make()))}>Add a {s.name}</button>
        ))}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' }}>
        <DrawPad
          points={points}
          samples={samples}
          cursor={focused ? cursor : null}
          onDown={(x, y) => (checkpoint(), add([x, y]))}
          onMove={sprayAt}
          onUp={() => {}}
          onKeyDown={onKeyDown}
          onFocusChange={setFocused}
          extent={EXTENT}
          label={`Drawing pad with ${count} points${samples ? ` and ${samples.length / 2} samples` : ''}. Click or drag to draw; with the keyboard, arrow keys move a cursor (Shift for bigger steps), Enter places a point, Space sprays a few.`}
        />
        <div style={{ display: 'flex', flexDirection: 'column', gap: '0.6rem', maxWidth: '22rem' }}>
          <ul className="xy-legend" aria-label="legend">
            <li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4" fill={PALETTE.blue} /></svg>your points</li>
            <li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4" fill={PALETTE.orange} /></svg>samples from the model</li>
          </ul>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
            <button type="button" onClick={() => void trainOnPoints()} disabled={!ready}>Train on these points</button>
            {(ours || keptSteps !== null) && (
              <button type="button" onClick={() => void resume().catch(() => {})} disabled={!ready}>
                {ours && training ? 'Pause' : 'Resume training'}
              </button>
            )}
            <button type="button" onClick={() => void sample().catch(() => {})} disabled={!ready || !(ours || keptSteps !== null) || sampling}>
              {sampling ? 'Sampling…' : `Sample ${N_SAMPLES} points`}
            </button>
          </div>
          {error && <p className="notice notice-error" role="alert" data-testid="draw-error">{error}</p>}
          <p className="widget-readout" role="status" data-testid="draw-status" data-step={ours ? step : ''} data-kept-step={keptSteps ?? ''}>
            {ours
              ? `Training on your ${count} points: step ${step}${Number.isFinite(loss) ? `, loss ${loss.toFixed(3)}` : ''}${training ? '' : ' (paused)'}.`
              : keptSteps !== null
                ? `The model of your ${count} points (${keptSteps} steps) is kept in this browser: resume training or sample to use it.`
                : 'Draw at least a few points, then train. The other chapters then use your drawing; the model they used is kept, and the drawing stays after a reload.'}
          </p>
        </div>
      </div>
    </div>
  );
}
