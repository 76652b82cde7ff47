/**
 * Pieces the chapter-7 lab widgets share: starting the engine, a Train/Pause button for one lab
 * experiment (paused again when the widget goes away), and a progress line per lab model.
 */
import { useEffect } from 'react';
import { getEngineClient } from '../app/engineClient';
import { useLab } from '../state/labStore';
import { useRun } from '../state/runStore';
import type { LabExperiment, LabModel } from '../worker/labConfig';
import './labWidgets.css';

/** Starts the engine if needed; true once it answers requests. Pauses the experiment's training on unmount. */
export function useLabEngine(experiment: LabExperiment): boolean {
  useEffect(() => {
    const client = getEngineClient();
    return () => {
      if (client.lab.getState().running.includes(experiment)) void client.labPause(experiment).catch(() => {});
    };
  }, [experiment]);
  return useRun((s) => s.status === 'ready');
}

export function LabTrainButton({ experiment, ready, label = 'Train' }: { experiment: LabExperiment; ready: boolean; label?: string }) {
  const running = useLab((s) => s.running.includes(experiment));
  const toggle = (): void => {
    const client = getEngineClient();
    void (running ? client.labPause(experiment) : client.labTrain(experiment)).catch(() => {}); // a restarted worker says so in the lab's message
  };
  return (
    <button type="button" onClick={toggle} disabled={!ready} aria-pressed={running}>
      {running ? 'Pause' : label}
    </button>
  );
}

/** "name: step N · loss L · R steps/s" for one lab model; data-step for tests. */
export function LabProgress({ model, name }: { model: LabModel; name: string }) {
  const { step, loss, stepsPerSecond } = useLab((s) => s.models[model]);
  return (
    <p className="lab-progress" data-testid={`lab-progress-${model}`} data-step={step} data-loss={Number.isFinite(loss) ? loss : ''}>
      {name}: {step === 0 ? 'untrained' : `step ${step} · loss ${loss.toFixed(3)}${stepsPerSecond > 0 ? ` · ${Math.round(stepsPerSecond)} steps/s` : ''}`}
    </p>
  );
}

/** A lab message (a model diverged, the worker was replaced), if any. */
export function LabMessage() {
  const message = useLab((s) => s.message);
  return message ? <p className="lab-message" role="status">{message}</p> : null;
}

/** "sampling… 40%" while the experiment samples. */
export function LabSampling({ experiment }: { experiment: LabExperiment }) {
  const progress = useLab((s) => s.sampling[experiment]);
  return progress === undefined ? null : <span className="lab-progress" role="status">sampling… {Math.round(progress * 100)}%</span>;
}
