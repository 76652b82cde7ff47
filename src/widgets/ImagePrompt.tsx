/**
 * Chapter 8, Prompts: the small-scale analogue of text-to-image. A one-word prompt is looked up in
 * a table (engine/images/promptClass.ts) to a digit c, and the digits model draws 16 samples of c
 * from the SAME starting noise (one fixed seed) with classifier-free guidance, eq. 7.4:
 * ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅), w on the slider as in chapter 7's widget. The
 * readout is the share of the samples the fixed digit classifier reads as the digit asked for.
 * A prompt the table does not know keeps the last grid and says which words it knows.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import { DigitSampleGrid } from './DigitSampleGrid';
import type { ImageScore } from '../worker/protocol';
import { DIGIT_CLASSES } from '../engine/datasets/digits';
import { DIGIT_WORDS, parsePrompt } from '../engine/images/promptClass';
import { LabMessage, LabProgress, LabSampling, LabTrainButton, useLabEngine } from './LabControls';
import { Slider } from './Slider';
import './imageWidgets.css';

const IMAGES = ['images'] as const;
const N = 16;
/** The one seed of the grid: same x_T for every prompt and w, so only c and w change the samples. */
const GRID_SEED = 7;
const DDIM_STEPS = 50;
/** The slider's top: past w ≈ 4 the 8×8 digits are saturated caricatures already (chapter 7's clumps). */
const MAX_W = 4;
const FIRST_PROMPT = 'seven';

interface Grid {
  pixels: Float32Array;
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
  const ready = useLabEngine(IMAGES);
  const training = useRun((s) => s.models.images.training);
  const step = useRun((s) => s.models.images.step);
  const inputId = useId();
  const [text, setText] = useState(FIRST_PROMPT);
  const [asked, setAsked] = useState<Asked>({ classLabel: 7, word: FIRST_PROMPT });
  const [w, setW] = useState(1);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [draws, setDraws] = useState(0);
  const [promptMessage, setPromptMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Share asked-for at each w, for the current digit and training step (a row per w drawn). */
  const [history, setHistory] = useState<Record<string, { classLabel: number; w: number; step: number; share: number }>>({});
  const latest = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** One scored grid of digit `classLabel` at weight `weight`; a newer draw of this widget supersedes it. */
  const draw = async (classLabel: number, weight: number): Promise<void> => {
    const id = ++latest.current;
    setError(null);
    try {
      const r = await getEngineClient().sampleModel('images', { n: N, seed: GRID_SEED, classLabel, w: weight, steps: DDIM_STEPS, score: true, owner: 'image-prompt' });
      if (!mounted.current || id !== latest.current) return;
      if (!r) {
        setError('Another sample of the digits model took over before this one finished; Draw again.');
        return;
      }
      const score = r.score ?? null;
      setGrid({ pixels: r.pixels, step: r.step, classLabel, w: weight, score });
      setDraws((k) => k + 1);
      if (score) setHistory((h) => ({ ...h, [`${classLabel}:${weight}`]: { classLabel, w: weight, step: r.step, share: score.askedShare } }));
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

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const parsed = parsePrompt(text, DIGIT_WORDS);
    if (!parsed.ok) {
      setPromptMessage(parsed.message); // the last grid stays
      return;
    }
    setPromptMessage(null);
    setAsked({ classLabel: parsed.classLabel, word: parsed.word });
    if (ready) void draw(parsed.classLabel, w);
  };

  const score = grid?.score ?? null;
  const rows = Object.values(history)
    .filter((h) => grid && h.classLabel === grid.classLabel && h.step === grid.step)
    .sort((a, b) => a.w - b.w);
  const loading = !grid && !error;
  return (
    <div
      className="widget-body lab-widget image-widget image-prompt"
      data-testid="image-prompt"
      data-seed={GRID_SEED}
      data-draws={draws}
      data-grid-class={grid?.classLabel ?? ''}
      data-grid-w={grid?.w ?? ''}
      data-grid-step={grid?.step ?? ''}
      data-asked-share={score ? score.askedShare.toFixed(4) : ''}
    >
      <LabMessage />
      <div className="widget-controls">
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
          <LabTrainButton models={IMAGES} ready={ready} />
        </div>
        <LabProgress model="images" name="digits DDPM" />
      </div>
      <LabSampling model="images" />
      {ready && step === 0 && !training && (
        <p className="lab-note" data-testid="prompt-untrained">The digits model is untrained, so every prompt gives noise: Train it for a few seconds first.</p>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="image-panels">
        <section className="image-panel" aria-label="samples of the prompted digit">
          <DigitSampleGrid pixels={grid?.pixels ?? null} n={N} columns={4} maxCell={8} label={grid ? `${N} samples of the digit ${grid.classLabel} at w = ${grid.w}, after ${grid.step} training steps` : 'No samples yet'} loading={loading} ready={ready} />
          <p>
            {grid
              ? `Digit ${grid.classLabel} at w = ${grid.w.toFixed(2)}, after ${grid.step} training steps`
              : 'Not drawn yet'}
            : {N} samples by DDIM in {DDIM_STEPS} steps, always from the same {N} noise images.
          </p>
        </section>
        <section className="image-panel" aria-label="how many are the digit asked for">
          {grid && score ? (
            <p className="widget-readout" data-testid="prompt-readout">
              The fixed digit classifier reads <strong>{pct(score.askedShare)}</strong> of the {score.n} samples as the digit {grid.classLabel} (its most likely digit for each; by
              chance one in {DIGIT_CLASSES}).
            </p>
          ) : (
            <p className="lab-note">Not scored yet.</p>
          )}
          {rows.length > 1 && (
            <table className="lab-table" aria-label={`digit ${grid!.classLabel} at each w drawn, after ${grid!.step} steps`}>
              <thead>
                <tr><th scope="col">w</th><th scope="col">read as {grid!.classLabel}</th></tr>
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
            This model knows the digits 0–9, as the digit or its name (“7” or “seven”). The words are looked up in a table, not understood: a real text-to-image model reads the
            prompt with a text encoder such as CLIP or T5.
          </p>
          <p className="lab-note">ε̃ = (1 + w)·ε_θ(x_t, t, c) − w·ε_θ(x_t, t, ∅) (eq. 7.4): w = 0 is plain conditional sampling; a guidance scale s in the other convention is 1 + w.</p>
        </section>
      </div>
    </div>
  );
}
