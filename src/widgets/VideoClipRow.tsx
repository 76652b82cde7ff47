/**
 * One row of the video-clips widget: the current frame of the first few clips of a set, side by side
 * (ImageGrid: crisp 8×8 pixels, theme colours), and the set's temporal figures in words beside it.
 */
import { useId } from 'react';
import { ImageGrid } from '../charts/ImageGrid';
import type { ClipFigures } from '../engine/video/temporalConsistency';
import { describeFigures, framesAt } from './videoClipText';

const FRAMES = 8;
const SIDE = 8;

interface Props {
  title: string;
  /** What the clips are, for the canvas label: "joint-model clips". */
  what: string;
  clips: Float32Array | null;
  figures: ClipFigures | null;
  data: ClipFigures | null;
  isData?: boolean;
  /** Training step of the model that drew them. */
  step?: number;
  frame: number;
  shown: number;
  loading: boolean;
  ready: boolean;
  verdict?: string | null;
  testId: string;
}

export function VideoClipRow({ title, what, clips, figures, data, isData = false, step, frame, shown, loading, ready, verdict, testId }: Props) {
  const id = useId();
  const pixels = clips ? framesAt(clips, shown, frame, FRAMES, SIDE * SIDE) : null;
  const words = figures && data ? describeFigures(figures, data, isData) : null;
  return (
    <section
      className="video-row"
      aria-labelledby={id}
      data-testid={testId}
      data-frame-change={figures ? figures.frameChange.toFixed(3) : ''}
      data-fit-error={figures ? figures.bounceFitError.toFixed(3) : ''}
      data-ball-share={figures ? figures.ballPresentShare.toFixed(3) : ''}
    >
      <h4 className="image-grid-title" id={id}>
        {title}
        {step !== undefined && <span className="video-row-step"> · step {step}</span>}
      </h4>
      <ImageGrid
        pixels={pixels}
        n={shown}
        width={SIDE}
        height={SIDE}
        columns={shown}
        maxCell={10}
        label={`frame ${frame + 1} of ${FRAMES} of ${shown} ${what}`}
        emptyText={loading ? (ready ? 'drawing clips…' : 'Starting the engine…') : 'No clips yet'}
      />
      {words && (
        <ul className="video-figures">
          <li>{words.change}</li>
          <li>{words.path}</li>
          <li>{words.balls}</li>
        </ul>
      )}
      {verdict && <p className="video-verdict">{verdict}</p>}
    </section>
  );
}
