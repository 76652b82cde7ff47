/**
 * The video-clips widget's training controls (the joint model only: the per-frame model cannot
 * learn motion however long it trains, videoRecipe.ts): train it from scratch here, pause and
 * resume, go back to the pretrained default. Starting afresh asks first when it would throw away
 * steps trained here, and says how many (as ImageModelControls does). The status line says where
 * the weights came from; the bar line whether the samples have reached issue 15's bar and when.
 * The buttons and status are the shared FixedModelTrainControls (the upsampler has them too).
 */
import { getEngineClient } from '../session/engineClient';
import { useRun } from '../state/runStore';
import { FixedModelTrainControls } from './FixedModelTrainControls';

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

const startJoint = (from: 'pretrained' | 'scratch'): Promise<unknown> => getEngineClient().startVideoModel(from, 'videoJoint');

export function VideoTrainControls({ ready, replaced, meets, sampledAt, reached }: Props) {
  const here = useRun((s) => s.models.videoJoint.origin?.kind === 'untrained');
  const barText = meets === null || sampledAt === null
    ? 'Bar: not checked yet.'
    : here
      ? reached
        ? `Bar reached at step ${reached.step}, after ${Math.round(reached.seconds)} s of training here.`
        : `Bar not reached yet (clips at step ${sampledAt}; they are redrawn every few seconds while it trains).`
      : `The clips at step ${sampledAt} ${meets ? 'meet' : 'do not meet'} the bar.`;

  return (
    <FixedModelTrainControls model="videoJoint" name="joint model" progressName="joint clip model" ready={ready} start={startJoint} replaced={replaced} testId="video-train">
      <p className="lab-progress" role="status" data-testid="video-bar" data-reached={reached ? reached.step : ''}>{barText}</p>
    </FixedModelTrainControls>
  );
}
