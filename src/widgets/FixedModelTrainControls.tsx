/**
 * Training controls for a fixed-recipe model that ships pretrained weights (the joint video model,
 * the upsampler): train it from scratch here, pause and resume, go back to the pretrained default.
 * Starting afresh asks first when it would throw away steps trained here, and says how many (as
 * ImageModelControls does). The status line (LabProgress) says where the weights came from and
 * the steps: "pretrained, 8000 steps", "300 steps trained here from scratch"; a widget adds its own
 * lines (the video's bar) as children.
 */
import { useState, type ReactNode } from 'react';
import type { FixedModelId } from '../engine/modelIds';
import { getEngineClient } from '../session/engineClient';
import { stepsTrainedHere } from '../session/imageModelStatus';
import { useRun } from '../state/runStore';
import { LabProgress, LabTrainButton } from './LabControls';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Props {
  model: FixedModelId;
  /** What the buttons call it: "Train the {name} from scratch". */
  name: string;
  /** What its status line calls it. */
  progressName: string;
  ready: boolean;
  /** Asks the worker to start the model afresh (its modelOrigin event updates the store). */
  start: (from: 'pretrained' | 'scratch') => Promise<unknown>;
  /** The model was started afresh: the widget redraws what it shows of it. */
  replaced: () => void;
  testId: string;
  children?: ReactNode;
}

export function FixedModelTrainControls({ model, name, progressName, ready, start, replaced, testId, children }: Props) {
  const training = useRun((s) => s.models[model].training);
  const origin = useRun((s) => s.models[model].origin);
  const step = useRun((s) => s.models[model].step);
  const [message, setMessage] = useState<string | null>(null);
  const lost = stepsTrainedHere(origin, step);
  const busy = !ready || training || origin === null;
  const here = origin?.kind === 'untrained';

  const restart = async (from: 'pretrained' | 'scratch'): Promise<void> => {
    const what = from === 'scratch' ? `Train the ${name} from scratch` : `Go back to the pretrained ${name}`;
    if (lost > 0 && !window.confirm(`${what}? The ${lost} step${lost === 1 ? '' : 's'} trained here will be lost.`)) return;
    try {
      await start(from);
      setMessage(null);
      replaced();
      if (from === 'scratch') await getEngineClient().trainModel(model);
    } catch (e) {
      setMessage(`Could not start the ${name} again: ${messageOf(e)}`);
    }
  };

  return (
    <div className="video-train" data-testid={testId}>
      <div className="lab-buttons">
        <button type="button" onClick={() => void restart('scratch')} disabled={busy} data-lost-steps={lost}>Train the {name} from scratch</button>
        <LabTrainButton models={[model]} ready={ready && origin !== null} label={here && step > 0 ? 'Resume training' : 'Train'} />
        <button type="button" onClick={() => void restart('pretrained')} disabled={busy || (origin?.kind === 'pretrained' && lost === 0)}>Back to pretrained</button>
      </div>
      <LabProgress model={model} name={progressName} />
      {children}
      {origin?.note && <p className="lab-message" role="status">{origin.note}</p>}
      {message && <p className="lab-message" role="alert">{message}</p>}
    </div>
  );
}
