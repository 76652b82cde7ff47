/**
 * The video-clips widget's training controls (the joint model only: the per-frame model cannot
 * learn motion however long it trains, videoRecipe.ts): train it from scratch here, pause and
 * resume, go back to the pretrained default. Starting afresh asks first when it would throw away
 * steps trained here, and says how many (as ImageModelControls does). The status line says where
 * the weights came from; the bar line whether the samples have reached issue 15's bar and when.
 */
import { useState } from 'react';
import { getEngineClient } from '../session/engineClient';
import { stepsTrainedHere } from '../session/imageModelStatus';
import { useRun } from '../state/runStore';
import { LabProgress, LabTrainButton } from './LabControls';

const JOINT = ['videoJoint'] as const;
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** When the joint model trained here first met the bar: at which step, after how many seconds of training. */
export interface BarReached {
  step: number;
  seconds: number;
}

interface Props {
  ready: boolean;
  /** The joint model was started afresh: the widget resets its clock and redraws the joint row. */
  replaced: () => void;
  /** Whether the joint row's latest clips meet the bar (null: none yet), and at which step they were drawn. */
  meets: boolean | null;
  sampledAt: number | null;
  reached: BarReached | null;
}

export function VideoTrainControls({ ready, replaced, meets, sampledAt, reached }: Props) {
  const training = useRun((s) => s.models.videoJoint.training);
  const origin = useRun((s) => s.models.videoJoint.origin);
  const step = useRun((s) => s.models.videoJoint.step);
  const [message, setMessage] = useState<string | null>(null);
  const lost = stepsTrainedHere(origin, step);
  const busy = !ready || training || origin === null;
  const here = origin?.kind === 'untrained';

  const restart = async (from: 'pretrained' | 'scratch'): Promise<void> => {
    const what = from === 'scratch' ? 'Train the joint model from scratch' : 'Go back to the pretrained joint model';
    if (lost > 0 && !window.confirm(`${what}? The ${lost} step${lost === 1 ? '' : 's'} trained here will be lost.`)) return;
    try {
      await getEngineClient().startVideoModel(from, 'videoJoint');
      setMessage(null);
      replaced();
      if (from === 'scratch') await getEngineClient().trainModel('videoJoint');
    } catch (e) {
      setMessage(`Could not start the joint model again: ${messageOf(e)}`);
    }
  };

  const barText = meets === null || sampledAt === null
    ? 'Bar: not checked yet.'
    : here
      ? reached
        ? `Bar reached at step ${reached.step}, after ${Math.round(reached.seconds)} s of training here.`
        : `Bar not reached yet (clips at step ${sampledAt}; they are redrawn every few seconds while it trains).`
      : `The clips at step ${sampledAt} ${meets ? 'meet' : 'do not meet'} the bar.`;

  return (
    <div className="video-train" data-testid="video-train">
      <div className="lab-buttons">
        <button type="button" onClick={() => void restart('scratch')} disabled={busy} data-lost-steps={lost}>Train the joint model from scratch</button>
        <LabTrainButton models={JOINT} ready={ready && origin !== null} label={here && step > 0 ? 'Resume training' : 'Train'} />
        <button type="button" onClick={() => void restart('pretrained')} disabled={busy || (origin?.kind === 'pretrained' && lost === 0)}>Back to pretrained</button>
      </div>
      <LabProgress model="videoJoint" name="joint clip model" />
      <p className="lab-progress" role="status" data-testid="video-bar" data-reached={reached ? reached.step : ''}>{barText}</p>
      {origin?.note && <p className="lab-message" role="status">{origin.note}</p>}
      {message && <p className="lab-message" role="alert">{message}</p>}
    </div>
  );
}
