/**
 * Bench cases for issue 15's video models (src/engine/video/videoRecipe.ts), run through the
 * worker's own VideoModels and TrainingLoop, as the video-clips widget uses them:
 *  - trainVideo: the joint clip model's training steps/s between two progress reports of the loop;
 *  - sampleVideo: one "Sample again" of the widget: 32 clips from the joint model and 32 from the
 *    per-frame model (256 frames) by DDIM-50, each scored beside 32 data clips; the median of a few;
 *  - videoToBar: seconds of training the joint model from scratch (the training clips drawn and the
 *    model built included) until 300 sampled clips meet the bar (videoBar.ts jointMeetsBar);
 *    training pauses for each check, and checking time is not counted.
 * Both start untrained: the pretrained files are not offered (the weights do not change a sample's cost).
 */
import { makeBallClips, BALL_CLIPS } from '../engine/video/bouncingBall';
import { clipFigures } from '../engine/video/temporalConsistency';
import { jointMeetsBar } from '../engine/video/videoBar';
import { drawClips } from '../engine/video/videoModels';
import { makeSchedule } from '../engine/schedule';
import { VIDEO_SCHEDULE } from '../engine/video/videoRecipe';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingLoop } from '../worker/trainingLoop';
import { VideoModels } from '../worker/videoModels';
import { VIDEO_WIDGET_CLIPS } from '../worker/videoConfig';

export interface VideoBudget {
  warmupMs: number;
  trainMs: number;
  sampleRuns: number;
  barMaxTrainMs: number;
  barEveryMs: number;
  barSamples: number;
}

export const FULL_VIDEO_BUDGET: VideoBudget = { warmupMs: 1500, trainMs: 10_000, sampleRuns: 3, barMaxTrainMs: 150_000, barEveryMs: 10_000, barSamples: 300 };
/** `--quick`: each case ≤ ~3 s (time to the bar is cut at 2 s and checked once, on 50 clips: not reached). */
export const QUICK_VIDEO_BUDGET: VideoBudget = { warmupMs: 300, trainMs: 1500, sampleRuns: 1, barMaxTrainMs: 2000, barEveryMs: 2000, barSamples: 50 };

/** Clips per row of the widget's sample. */
export const VIDEO_SAMPLE_CLIPS = VIDEO_WIDGET_CLIPS;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.now();
type Tick = (fraction: number, text: string) => void;

function videoRig() {
  const rig = {
    latest: null as { step: number; at: number } | null,
    loop: null as unknown as TrainingLoop,
    video: null as unknown as VideoModels,
    dispose() {
      rig.video.dispose();
      rig.loop.dispose();
    },
  };
  const post = (e: WorkerEvent): void => {
    if (e.type === 'progress' && e.model === 'videoJoint') rig.latest = { step: e.step, at: now() };
  };
  rig.loop = new TrainingLoop(post);
  rig.video = new VideoModels(post, rig.loop, () => Promise.reject(new Error('the bench trains from scratch')));
  return rig;
}

async function reportAfter(rig: ReturnType<typeof videoRig>, after: { at: number } | null, ms: number): Promise<{ step: number; at: number } | null> {
  const until = now() + ms;
  while ((rig.latest === null || (after !== null && rig.latest.at <= after.at)) && now() < until) await sleep(50);
  return rig.latest && (after === null || rig.latest.at > after.at) ? rig.latest : null;
}

/** Training steps/s of the joint model through the loop, between two progress reports (null if a slow backend reports nothing within `graceMs`). */
export async function measureVideoTraining(budget: VideoBudget, graceMs: number, onTick: Tick): Promise<{ stepsPerSecond: number | null; steps: number; seconds: number; threads: number }> {
  const rig = videoRig();
  try {
    const unit = await rig.video.ensure('videoJoint');
    rig.loop.start('videoJoint', 1);
    await sleep(budget.warmupMs);
    const from = await reportAfter(rig, null, graceMs);
    const start = now();
    while (from && now() - start < budget.trainMs) {
      await sleep(250);
      onTick((now() - start) / budget.trainMs, `step ${rig.latest?.step ?? 0}`);
    }
    const to = from && (await reportAfter(rig, from, graceMs));
    rig.loop.pause('videoJoint');
    if (!from || !to) return { stepsPerSecond: null, steps: 0, seconds: 0, threads: unit.threads };
    const seconds = (to.at - from.at) / 1000;
    return { stepsPerSecond: (to.step - from.step) / seconds, steps: to.step - from.step, seconds, threads: unit.threads };
  } finally {
    rig.dispose();
  }
}

/** Seconds per widget sample (64 joint clips and 64 per-frame clips, scored), the median of the runs. */
export async function measureVideoSampling(budget: VideoBudget, onTick: Tick): Promise<{ seconds: number[] }> {
  const rig = videoRig();
  try {
    await Promise.all([rig.video.ensure('videoJoint'), rig.video.ensure('videoFrames')]);
    await rig.video.sample('videoJoint', 0, { n: 2, seed: 0 }); // first-call costs
    await rig.video.sample('videoFrames', 0, { n: 2, seed: 0 });
    const seconds: number[] = [];
    for (let k = 0; k < budget.sampleRuns; k++) {
      onTick(k / budget.sampleRuns, `sample ${k + 1} of ${budget.sampleRuns}`);
      const t0 = now();
      const joint = await rig.video.sample('videoJoint', 1 + k, { n: VIDEO_SAMPLE_CLIPS, seed: 1 + k });
      const frames = await rig.video.sample('videoFrames', 1 + k, { n: VIDEO_SAMPLE_CLIPS, seed: 1 + k });
      seconds.push((now() - t0) / 1000);
      if (!joint.clips.every(Number.isFinite) || !frames.clips.every(Number.isFinite)) throw new Error('the clips are not finite');
    }
    return { seconds };
  } finally {
    rig.dispose();
  }
}

export interface VideoBarCheck {
  step: number;
  trainSeconds: number;
  changeRatio: number;
  ballShare: number;
  meets: boolean;
}

/** Training seconds from "Train from scratch" until `barSamples` joint clips meet the bar; null when not within `barMaxTrainMs`. */
export async function measureVideoToBar(budget: VideoBudget, onTick: Tick): Promise<{ seconds: number | null; checks: VideoBarCheck[]; checkSeconds: number }> {
  const data = clipFigures(makeBallClips(budget.barSamples, 123).clips, BALL_CLIPS);
  const schedule = makeSchedule(VIDEO_SCHEDULE);
  const rig = videoRig();
  const checks: VideoBarCheck[] = [];
  let trainSeconds = 0;
  let checkSeconds = 0;
  try {
    const t0 = now();
    const unit = await rig.video.ensure('videoJoint');
    trainSeconds += (now() - t0) / 1000;
    while (trainSeconds * 1000 < budget.barMaxTrainMs) {
      const started = now();
      rig.loop.start('videoJoint', 1);
      await sleep(Math.min(budget.barEveryMs, budget.barMaxTrainMs - trainSeconds * 1000));
      rig.loop.pause('videoJoint');
      trainSeconds += (now() - started) / 1000;
      const c0 = now();
      onTick((trainSeconds * 1000) / budget.barMaxTrainMs, `checking at step ${unit.stepCount} (${trainSeconds.toFixed(1)} s of training)`);
      const joint = clipFigures(await drawClips(unit.network.trainer.sampler, schedule, BALL_CLIPS, budget.barSamples, 1000), BALL_CLIPS);
      const meets = jointMeetsBar(joint, data);
      checks.push({ step: unit.stepCount, trainSeconds, changeRatio: joint.frameChange / data.frameChange, ballShare: joint.ballPresentShare, meets });
      checkSeconds += (now() - c0) / 1000;
      if (meets) return { seconds: trainSeconds, checks, checkSeconds };
    }
    return { seconds: null, checks, checkSeconds };
  } finally {
    rig.dispose();
  }
}
