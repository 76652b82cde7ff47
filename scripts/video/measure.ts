/**
 * Measures the two video models of src/engine/video/videoModels.ts under Node on the WASM backend
 * (our SIMD kernels): each trained on bouncing-ball clips (bouncingBall.ts) and, every few seconds
 * of training, `samples` clips drawn and scored by the temporal figures (temporalConsistency.ts)
 * beside the data's and those of the data's frames drawn independently (independentFrames.ts, a
 * perfect per-frame model). Prints steps/s, the time the joint model first meets the bar
 * (videoBar.ts) and the figures. Defaults are the recipe (videoRecipe.ts,
 * which records what these runs measured); flags vary it.
 *
 * Run: node scripts/video/run.mjs [--kind=both|joint|perFrame] [--seconds=60] [--every=15]
 *      [--samples=500] [--clips=5000] [--width=128] [--depth=2] [--batch=128] [--lr=3e-3]
 *      [--prediction=x0|eps] [--ema=0.995] [--T=1000] [--seed=0] [--frames=8] [--side=8] [--radius=1.5]
 * Timing counts training only (sampling and scoring are reported apart).
 */
import { BALL_CLIPS, makeBallClips, type BallClipSpec } from '../../src/engine/video/bouncingBall';
import { independentFrames } from '../../src/engine/video/independentFrames';
import { clipFigures, type ClipFigures } from '../../src/engine/video/temporalConsistency';
import { jointMeetsBar, perFrameClearlyWorse } from '../../src/engine/video/videoBar';
import { buildVideoModel, drawClips } from '../../src/engine/video/videoModels';
import { VIDEO_NET, VIDEO_SCHEDULE, VIDEO_TRAINER, type VideoModelKind } from '../../src/engine/video/videoRecipe';
import { useTestBackend } from '../../src/engine/tf/testBackend';

export const DEFAULT_VIDEO_RUN = {
  kind: 'both', seconds: 60, every: 15, samples: 500, clips: 5000, seed: 0,
  width: VIDEO_NET.width, depth: VIDEO_NET.depth, prediction: VIDEO_NET.prediction as string, batch: VIDEO_TRAINER.batchSize, lr: VIDEO_TRAINER.learningRate, ema: VIDEO_TRAINER.emaDecay, T: VIDEO_SCHEDULE.T,
  frames: BALL_CLIPS.frames, side: BALL_CLIPS.side, radius: BALL_CLIPS.radius,
};
type VideoRun = typeof DEFAULT_VIDEO_RUN;

export const fmtFigures = (f: ClipFigures): string =>
  `frame change ${f.frameChange.toFixed(2)} px², bounce-fit error ${f.bounceFitError.toFixed(3)} px, ball present ${(100 * f.ballPresentShare).toFixed(1)}%, ink ${f.meanMass.toFixed(2)} px²`;

async function run(kind: VideoModelKind, o: VideoRun, spec: BallClipSpec, data: ReturnType<typeof makeBallClips>, dataFig: ClipFigures): Promise<ClipFigures | null> {
  const video = buildVideoModel(kind, data, o.seed, {
    net: { width: o.width, depth: o.depth, prediction: o.prediction as 'eps' | 'x0' },
    trainer: { batchSize: o.batch, learningRate: o.lr, emaDecay: o.ema },
    schedule: { T: o.T },
  });
  console.log(`\n${kind}: dim ${video.model.config.dim}, ${video.trainer.engine}, ${video.trainer.threads} thread(s)`);
  let trainMs = 0;
  let chunk = 20;
  let barAt = Number.NaN;
  let last: ClipFigures | null = null;
  for (let checkpoint = o.every; checkpoint <= o.seconds + 1e-9; checkpoint += o.every) {
    while (trainMs < checkpoint * 1000) {
      const t0 = performance.now();
      video.trainer.train(chunk);
      trainMs += performance.now() - t0;
      chunk = Math.max(1, Math.min(2000, Math.round((chunk * 250) / Math.max(1, performance.now() - t0))));
    }
    const { loss } = await video.trainer.readStats();
    const s0 = performance.now();
    last = clipFigures(await drawClips(video.trainer.sampler, video.schedule, spec, o.samples, 1000 + o.seed), spec);
    const pass = kind === 'joint' && jointMeetsBar(last, dataFig);
    if (pass && Number.isNaN(barAt)) barAt = trainMs / 1000;
    const steps = video.trainer.stepCount;
    console.log(`  ${(trainMs / 1000).toFixed(1)} s, ${steps} steps (${((steps / trainMs) * 1000).toFixed(0)} steps/s), loss ${loss.toFixed(4)}: ${fmtFigures(last)}; change ×${(last.frameChange / dataFig.frameChange).toFixed(2)} of data${pass ? '  BAR' : ''}  [sampling+scoring ${((performance.now() - s0) / 1000).toFixed(1)} s]`);
  }
  console.log(`  ${kind}: ${((video.trainer.stepCount / trainMs) * 1000).toFixed(0)} steps/s${kind === 'joint' ? `; bar first met at ${Number.isNaN(barAt) ? 'never' : `${barAt.toFixed(1)} s`}` : ''}`);
  video.dispose();
  return last;
}

export async function main(argv: string[]): Promise<number> {
  const o: VideoRun = { ...DEFAULT_VIDEO_RUN };
  for (const a of argv) {
    const m = /^--(\w+)=(.+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a} (see scripts/video/measure.ts)`);
    (o as unknown as Record<string, number | string>)[m[1]!] = m[1] === 'kind' || m[1] === 'prediction' ? m[2]! : Number(m[2]);
  }
  const backend = await useTestBackend();
  const spec: BallClipSpec = { ...BALL_CLIPS, frames: o.frames, side: o.side, radius: o.radius };
  const data = makeBallClips(o.clips, o.seed, spec);
  const dataFig = clipFigures(data.clips.subarray(0, o.samples * data.dim), spec);
  const indepFig = clipFigures(independentFrames(data.clips, spec, o.samples, 1), spec);
  console.log(`video: ${o.clips} clips of ${spec.frames} × ${spec.side}×${spec.side}; ${backend}; ${JSON.stringify(o)}`);
  console.log(`  data:               ${fmtFigures(dataFig)}`);
  console.log(`  independent frames: ${fmtFigures(indepFig)}`);
  const joint = o.kind === 'perFrame' ? null : await run('joint', o, spec, data, dataFig);
  const perFrame = o.kind === 'joint' ? null : await run('perFrame', o, spec, data, dataFig);
  if (joint && perFrame) console.log(`\nper-frame clearly worse than joint: ${perFrameClearlyWorse(perFrame, joint, dataFig)}`);
  return 0;
}
