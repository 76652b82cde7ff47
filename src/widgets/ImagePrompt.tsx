/**
 * Chapter 8, Prompts: the small-scale analogue of text-to-image. A one-word prompt is looked up in
 * a table (engine/images/promptClass.ts) to a digit c, and the digits model draws 16 samples of c
 * from the SAME starting noise (one fixed seed) with classifier-free guidance, eq. 7.4:
 * ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅), w on the slider as in chapter 7's widget. The
 * readout is the share of the samples the fixed digit classifier reads as the digit asked for.
 * A prompt the table does not know keeps the last grid and says which words it knows. A select
 * switches to the 16×16 shapes model, whose words are the shapes' names ("ring"); the grid's image
 * size comes from the model's reply.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import { DigitSampleGrid } from './DigitSampleGrid';
import type { ImageScore } from '../worker/protocol';
import { parsePrompt } from '../engine/images/promptClass';
import { IMAGE_DATASET_INFO, ImageDatasetSelect, type ImageDatasetName } from './imageDatasetChoice';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { Slider } from './Slider';
import './imageWidgets.css';

const N = 16;
/** The one seed of the grid: same x_T for every prompt and w, so only c and w change the samples. */
const GRID_SEED = 7;
const DDIM_STEPS = 50;
/** The slider's top: from w = 2 every prompted digit is the one asked for (scripts/images/figures.mjs); more only exaggerates. */
const MAX_W = 4;

interface Grid {
  dataset: ImageDatasetName;
  pixels: Float32Array;
  width: number;
  height: number;
  step: number;
  classLabel: number;
  w: number;
  score: ImageScore | null;
}

interface Asked {
  classLabel: number;
  word: string;
}

const pct = (v: number): string => `${Math.round(100 * v)}%`;

export default function ImagePrompt() {
  const [dataset, setDataset] = useState<ImageDatasetName>('digits');
  const info = IMAGE_DATASET_INFO[dataset];
  const model = info.model;
  const models = useMemo(() => [model] as const, [model]);
  const ready = useLabEngine(models);
  const training = useRun((s) => s.models[model].training);
  const step = useRun((s) => s.models[model].step);
  const inputId = useId();
  const [text, setText] = useState(info.firstPrompt);
  const [asked, setAsked] = useState<Asked>({ classLabel: 7, word: info.firstPrompt });
  const [w, setW] = useState(1);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [draws, setDraws] = useState(0);
  const [promptMessage, setPromptMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Share asked-for at each w, for the current class, data set and training step (a row per w drawn). */
  const [history, setHistory] = useState<Record<string, { dataset: ImageDatasetName; classLabel: number; w: number; step: number; share: number }>>({});
  const latest = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** One scored grid of class `classLabel` of data set `d` at weight `weight`; a newer draw of this widget supersedes it. */
  const draw = async (classLabel: number, weight: number, d: ImageDatasetName = dataset): Promise<void> => {
    const id = ++latest.current;
    setError(null);
    try {
      const r = await getEngineClient().sampleModel(IMAGE_DATASET_INFO[d].model, { n: N, seed: GRID_SEED, classLabel, w: weight, steps: DDIM_STEPS, score: true, owner: 'image-prompt' });
      if (!mounted.current || id !== latest.current) return;
      if (!r) {
        setError(`Another sample of the ${d} model took over before this one finished; Draw again.`);
        return;
      }
      const score = r.score ?? null;
      setGrid({ dataset: d, pixels: r.pixels, width: r.width, height: r.height, step: r.step, classLabel, w: weight, score });
      setDraws((k) => k + 1);
      if (score) setHistory((h) => ({ ...h, [`${d}:${classLabel}:${weight}`]: { dataset: d, classLabel, w: weight, step: r.step, share: score.askedShare } }));
    } catch (e) {
      if (mounted.current && id === latest.current) setError(e instanceof Error ? e.message : String(e));
    }
  };

  // The first grid as soon as the engine answers; again when training stops (a newer network).
  useEffect(() => {
    if (ready && (!grid || !training)) void draw(asked.classLabel, w);
  }, [ready, training]);

  // Once there is a grid, a new w draws again after the slider settles.
  const hasGrid = grid !== null;
  useEffect(() => {
    if (!hasGrid || !ready) return;
    const timer = setTimeout(() => void draw(asked.classLabel, w), 300);
    return () => clearTimeout(timer);
  }, [w]);

  /** Another data set: its first prompt, drawn at once (the last grid was of the other model). */
  const choose = (d: ImageDatasetName): void => {
    if (d === dataset) return;
    const first = IMAGE_DATASET_INFO[d].firstPrompt;
    const parsed = parsePrompt(first, IMAGE_DATASET_INFO[d].words);
    const classLabel = parsed.ok ? parsed.classLabel : 0;
    setDataset(d);
    setText(first);
    setPromptMessage(null);
    setAsked({ classLabel, word: first });
    setGrid(null);
    if (ready) void draw(classLabel, w, d);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const parsed = parsePrompt(text, info.words);
    if (!parsed.ok) {
      setPromptMessage(parsed.message); // the last grid stays
      return;
    }
    setPromptMessage(null);
    setAsked({ classLabel: parsed.classLabel, word: parsed.word });
    if (ready) void draw(parsed.classLabel, w);
  };

  const score = grid?.score ?? null;
  const shown = grid ? IMAGE_DATASET_INFO[grid.dataset] : info;
  /** "the digit 7", "the shape ring". */
  const theClass = (c: number): string => `the ${shown.noun} ${shown.className(c)}`;
  const rows = Object.values(history)
    .filter((h) => grid && h.dataset === grid.dataset && h.classLabel === grid.classLabel && h.step === grid.step)
    .sort((a, b) => a.w - b.w);
  const loading = !grid && !error;
  return (
    <div
      className="widget-body lab-widget image-widget image-prompt"
      data-testid="image-prompt"
      data-dataset={dataset}
      data-seed={GRID_SEED}
      data-draws={draws}
      data-grid-class={grid?.classLabel ?? ''}
      data-grid-w={grid?.w ?? ''}
      data-grid-step={grid?.step ?? ''}
      data-asked-share={score ? score.askedShare.toFixed(4) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
        <ImageDatasetSelect value={dataset} onChange={choose} />
        <form className="prompt-form" onSubmit={submit}>
          <label htmlFor={inputId}>prompt</label>
          <input
            id={inputId}
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${inputId}-known`}
          />
          <button type="submit" disabled={!ready}>Draw</button>
        </form>
        <Slider label="guidance weight w" value={w} min={0} max={MAX_W} step={0.25} onChange={setW} format={(v) => v.toFixed(2)} />
      </div>
      {promptMessage && <p className="prompt-message" role="alert" data-testid="prompt-message">{promptMessage}</p>}
      <div className="widget-controls">
        <div className="lab-buttons">
          <LabTrainButton models={models} ready={ready} />
        </div>
        <LabProgress model={model} name={`${dataset} DDPM`} />
      </div>
      <LabSampling model={model} />
      {ready && step === 0 && !training && (
        <p className="lab-note" data-testid="prompt-untrained">The {dataset} model is untrained, so every prompt gives noise: Train it for a few seconds first.</p>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="image-panels">
        <section className="image-panel" aria-label={`samples of the prompted ${info.noun}`}>
          <DigitSampleGrid
            pixels={grid?.pixels ?? null} n={N} columns={4} width={grid?.width} height={grid?.height} maxCell={Math.max(2, Math.round(64 / (grid?.width ?? 8)))} what={`the ${dataset}`}
            label={grid ? `${N} samples of ${theClass(grid.classLabel)} at w = ${grid.w}, after ${grid.step} training steps` : 'No samples yet'} loading={loading} ready={ready}
          />
          <p>
            {grid
              ? `${shown.noun[0]!.toUpperCase()}${shown.noun.slice(1)} ${shown.className(grid.classLabel)} at w = ${grid.w.toFixed(2)}, after ${grid.step} training steps`
              : 'Not drawn yet'}
            : {N} samples by DDIM in {DDIM_STEPS} steps, always from the same {N} noise images.
          </p>
        </section>
        <section className="image-panel" aria-label={`how many are the ${info.noun} asked for`}>
          {grid && score ? (
            <p className="widget-readout" data-testid="prompt-readout">
              The fixed {shown.noun} classifier reads <strong>{pct(score.askedShare)}</strong> of the {score.n} samples as {theClass(grid.classLabel)} (its most likely {shown.noun} for each; by
              chance one in {shown.words.length}).
            </p>
          ) : (
            <p className="lab-note">Not scored yet.</p>
          )}
          {rows.length > 1 && (
            <table className="lab-table" aria-label={`${shown.noun} ${shown.className(grid!.classLabel)} at each w drawn, after ${grid!.step} steps`}>
              <thead>
                <tr><th scope="col">w</th><th scope="col">read as {shown.className(grid!.classLabel)}</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.w} className={r.w === grid!.w ? 'current' : ''}>
                    <td>{r.w.toFixed(2)}</td><td>{pct(r.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="lab-note" id={`${inputId}-known`}>
            {info.knownNote} The words are looked up in a table, not understood: a real text-to-image model reads the
            prompt with a text encoder such as CLIP or T5.
          </p>
          <p className="lab-note">ε̃ = (1 + w)·ε_θ(x_t, t, c) − w·ε_θ(x_t, t, ∅) (eq. 7.4): w = 0 is plain conditional sampling; a guidance scale s in the other convention is 1 + w.</p>
        </section>
      </div>
    </div>
  );
}
