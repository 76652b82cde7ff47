/**
 * Pieces the chapter-7 lab widgets (and the chapter-8 image model's) share: starting the engine, a Train/Pause button for the lab
 * models a widget trains (paused again when the widget goes away), and a progress line per model.
 * What they show comes from the run store's entry for each model id.
 */
import { useEffect } from 'react';
import { getEngineClient } from '../session/engineClient';
import { runStore, useRun } from '../state/runStore';
import { IMAGE_MODELS, UPSAMPLE_MODEL, VIDEO_MODELS, type FixedModelId } from '../engine/modelIds';
import { describeImageModel } from '../session/imageModelStatus';
import './labWidgets.css';

/** Starts the engine if needed; true once it answers requests. Pauses the widget's models on unmount. */
export function useLabEngine(models: readonly FixedModelId[]): boolean {
  const key = models.join(',');
  useEffect(() => {
    const client = getEngineClient();
    const ids = key.split(',') as FixedModelId[];
    return () => {
      for (const m of ids) if (runStore.getState().models[m].training) void client.pauseModel(m).catch(() => {});
    };
  }, [key]);
  return useRun((s) => s.status === 'ready');
}

/** Train/Pause for `models` (trained together; the first one's state decides which the button says). */
export function LabTrainButton({ models, ready, label = 'Train' }: { models: readonly FixedModelId[]; ready: boolean; label?: string }) {
  const running = useRun((s) => s.models[models[0]!].training);
  const toggle = (): void => {
    const client = getEngineClient();
    // A restarted worker says so in the lab message.
    for (const m of models) void (running ? client.pauseModel(m) : client.trainModel(m)).catch(() => {});
  };
  return (
    <button type="button" onClick={toggle} disabled={!ready} aria-pressed={running}>
      {running ? 'Pause' : label}
    </button>
  );
}

/**
 * "name: step N · loss L · R steps/s" for one lab model; data-step for tests. A model that says where
 * its weights came from (the image model) gets that instead of "step N": "pretrained, 8000 steps",
 * "pretrained (8000 steps) + 800 steps trained here", "untrained" (src/session/imageModelStatus.ts).
 */
export function LabProgress({ model, name }: { model: FixedModelId; name: string }) {
  const step = useRun((s) => s.models[model].step);
  const loss = useRun((s) => s.models[model].loss);
  const stepsPerSecond = useRun((s) => s.models[model].stepsPerSecond);
  const origin = useRun((s) => s.models[model].origin);
  // The image model says where its weights came from once built; until then it is loading them, not untrained.
  const status = origin ? describeImageModel(origin, step) : ([...IMAGE_MODELS, ...VIDEO_MODELS, UPSAMPLE_MODEL] as readonly string[]).includes(model) ? 'loading…' : step === 0 ? 'untrained' : `step ${step}`;
  const figures = `${Number.isFinite(loss) ? ` · loss ${loss.toFixed(3)}` : ''}${stepsPerSecond > 0 ? ` · ${Math.round(stepsPerSecond)} steps/s` : ''}`;
  return (
    <p className="lab-progress" data-testid={`lab-progress-${model}`} data-step={step} data-loss={Number.isFinite(loss) ? loss : ''} data-origin={origin?.kind ?? ''}>
      {name}: {status}{step === 0 && !origin ? '' : figures}
    </p>
  );
}

/** A lab message (a model diverged, the worker was replaced), if any. */
export function LabMessage() {
  const message = useRun((s) => s.modelMessage);
  return message ? <p className="lab-message" role="status">{message}</p> : null;
}

/** "sampling… 40%" while `model` samples. */
export function LabSampling({ model }: { model: FixedModelId }) {
  const progress = useRun((s) => s.models[model].sampleProgress);
  return progress === null ? null : <span className="lab-progress" role="status">sampling… {Math.round(progress * 100)}%</span>;
}
