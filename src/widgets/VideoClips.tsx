/**
 * Issue 15, frames that agree: three rows of 8-frame clips of a bouncing ball (8×8 pixels a frame),
 * playing in step: real clips (the data), clips from the joint model (all 8 frames noised and
 * denoised together as one 512-number vector) and from the per-frame model (an image model asked
 * 8 times, once per frame). Beside each row, its temporal figures over all the clips drawn (the
 * first few shown), with the data's as the yardstick (temporalConsistency.ts): the ink that changes
 * between frames and how far the ball strays from a straight path with bounces. The joint model
 * can be trained from scratch here; its clips are redrawn from the same seed every few seconds
 * while it trains, and the widget says when they first meet the bar (videoBar.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { jointMeetsBar, perFrameClearlyWorse } from '../engine/video/videoBar';
import { useRun } from '../state/runStore';
import { LabMessage, LabSampling, useLabEngine } from './LabControls';
import { Slider } from './Slider';
import { useFramePlayer } from './useFramePlayer';
import { useVideoClips } from './useVideoClips';
import { VideoClipRow } from './VideoClipRow';
import { VideoTrainControls, type BarReached } from './VideoTrainControls';
import { jointVerdict, perFrameVerdict, ratio } from './videoClipText';
import { VIDEO_WIDGET_CLIPS } from '../worker/videoConfig';
import './imageWidgets.css';
import './videoClips.css';

const MODELS = ['videoJoint', 'videoFrames'] as const;
/** Clips drawn and scored per row; the first SHOWN are shown. */
const SCORED = VIDEO_WIDGET_CLIPS;
const SHOWN = 6;
const FRAMES = 8;
const FIRST_SEED = 1;
const MS_PER_FRAME = 300;
const REFRESH_MS = 4000;

export default function VideoClips() {
  const ready = useLabEngine(MODELS);
  const training = useRun((s) => s.models.videoJoint.training);
  const step = useRun((s) => s.models.videoJoint.step);
  const origin = useRun((s) => s.models.videoJoint.origin);
  const { rows, pending, error, sample } = useVideoClips(SCORED, 'video-clips');
  const player = useFramePlayer(FRAMES, MS_PER_FRAME, true);
  const [seed, setSeed] = useState(FIRST_SEED);
  const [reached, setReached] = useState<BarReached | null>(null);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  /** Training time of the joint model since it was last started afresh (ms), and since when it runs. */
  const clock = useRef<{ total: number; since: number | null }>({ total: 0, since: null });

  useEffect(() => {
    if (ready && !rows && !pending) sample(FIRST_SEED);
  }, [ready]);
  // The clips play as soon as the first ones are here.
  const started = useRef(false);
  useEffect(() => {
    if (rows?.joint && !started.current) {
      started.current = true;
      player.restart();
    }
  }, [rows?.joint]);

  useEffect(() => {
    const c = clock.current;
    if (training) c.since ??= performance.now();
    else if (c.since !== null) {
      c.total += performance.now() - c.since;
      c.since = null;
    }
  }, [training]);

  // While the joint model trains, its clips again from the same seed every few seconds; once more when it stops.
  useEffect(() => {
    if (!ready || !rows) return;
    if (!training) {
      if (rows.joint && rows.joint.step !== step) sample(seed, ['videoJoint']);
      return;
    }
    const timer = setInterval(() => {
      if (!pendingRef.current) sample(seed, ['videoJoint']);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [training, ready]);

  const joint = rows?.joint ?? null;
  const perFrame = rows?.perFrame ?? null;
  const data = joint ?? perFrame;
  const meets = joint ? jointMeetsBar(joint.figures, joint.data) : null;
  const worse = joint && perFrame ? perFrameClearlyWorse(perFrame.figures, joint.figures, perFrame.data) : null;

  // The first clips of a model trained here that meet the bar: when.
  useEffect(() => {
    if (!joint || !meets || reached || origin?.kind !== 'untrained') return;
    const c = clock.current;
    setReached({ step: joint.step, seconds: (c.total + (c.since !== null ? performance.now() - c.since : 0)) / 1000 });
  }, [joint, meets]);

  const replaced = (): void => {
    setReached(null);
    clock.current = { total: 0, since: null };
    sample(seed, ['videoJoint']);
  };

  const again = (): void => {
    const next = seed + 1;
    setSeed(next);
    sample(next);
  };

  const frame = player.frame;
  const loading = !data && !error;
  return (
    <div
      className="widget-body lab-widget image-widget video-clips"
      data-testid="video-clips"
      data-frame={frame}
      data-playing={player.playing}
      data-seed={data?.seed ?? ''}
      data-joint-step={joint?.step ?? ''}
      data-joint-change-ratio={joint ? ratio(joint.figures.frameChange, joint.data.frameChange).toFixed(3) : ''}
      data-frames-change-ratio={perFrame ? ratio(perFrame.figures.frameChange, perFrame.data.frameChange).toFixed(3) : ''}
      data-joint-meets={meets === null ? '' : String(meets)}
      data-frames-worse={worse === null ? '' : String(worse)}
    >
      <LabMessage />
      <div className="widget-controls">
        <div className="lab-buttons">
          <button type="button" onClick={player.playing ? player.pause : player.play} disabled={!data} aria-label={player.playing ? 'Pause the clips' : 'Play the clips'}>
            {/* Named in full: the training controls below have a Pause of their own. */}
            {player.playing ? 'Pause the clips' : 'Play the clips'}
          </button>
          <button type="button" onClick={again} disabled={!ready || pending}>
            Sample again (seed {seed + 1})
          </button>
          <LabSampling model="videoJoint" />
        </div>
        <Slider label="frame" value={frame} min={0} max={FRAMES - 1} step={1} onChange={player.seek} format={(k) => `${k + 1} of ${FRAMES}`} />
      </div>
      {error && <p role="alert">{error}</p>}
      <div className="video-rows">
        <VideoClipRow
          title="Real clips (the data)"
          what="real clips"
          clips={data?.dataClips ?? null}
          figures={data?.data ?? null}
          data={data?.data ?? null}
          isData
          frame={frame}
          shown={SHOWN}
          loading={loading}
          ready={ready}
          testId="video-row-data"
        />
        <VideoClipRow
          title="Joint model: all 8 frames denoised together"
          what="joint-model clips"
          clips={joint?.clips ?? null}
          figures={joint?.figures ?? null}
          data={joint?.data ?? null}
          step={joint?.step}
          frame={frame}
          shown={SHOWN}
          loading={loading}
          ready={ready}
          verdict={joint ? jointVerdict(joint.figures, joint.data, meets!) : null}
          testId="video-row-joint"
        />
        <VideoClipRow
          title="Per-frame model: each frame sampled on its own"
          what="per-frame clips"
          clips={perFrame?.clips ?? null}
          figures={perFrame?.figures ?? null}
          data={perFrame?.data ?? null}
          step={perFrame?.step}
          frame={frame}
          shown={SHOWN}
          loading={loading}
          ready={ready}
          verdict={perFrame && joint ? perFrameVerdict(perFrame.figures, joint.figures, perFrame.data, worse!) : null}
          testId="video-row-frames"
        />
      </div>
      <p className="lab-note">
        <strong>Change between frames</strong>: how many pixels' worth of ink differ from one frame to the next (a ball moving 1 px changes about 5).{' '}
        <strong>Off a straight bouncing path</strong>: how far, on average, the ball's centre is from the best straight line with bounces off the walls through its 8
        positions. Figures over all {SCORED} clips drawn from seed {data?.seed ?? seed} (the first {SHOWN} shown), beside {SCORED} real clips from the same seed. Both models
        are the same network (width 128, DDIM in 50 steps); they differ only in what one sample is: a whole clip, or one frame.
      </p>
      <VideoTrainControls ready={ready} replaced={replaced} meets={meets} sampledAt={joint?.step ?? null} reached={reached} />
    </div>
  );
}
