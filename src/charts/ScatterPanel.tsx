/**
 * A titled scatter of a 2D point cloud with labelled axes, for side-by-side comparisons: the
 * title says which run it is, the readout under it (children) gives its numbers.
 */
import type { ReactNode } from 'react';
import { ScatterCanvas } from './ScatterCanvas';

interface Props {
  title: ReactNode;
  points: Float32Array | null;
  label: string;
  size?: number;
  color?: string;
  /** Shown in the plot area while there are no points. */
  empty?: string;
  testId?: string;
  children?: ReactNode;
}

export function ScatterPanel({ title, points, label, size = 260, color, empty = 'not sampled yet', testId, children }: Props) {
  return (
    <figure className="scatter-panel" data-testid={testId} data-state={points ? 'drawn' : 'empty'}>
      <figcaption className="scatter-panel-title">{title}</figcaption>
      <div className="scatter-panel-plot">
        <span className="scatter-panel-ylabel" aria-hidden="true">second coordinate</span>
        <div>
          {points ? (
            <ScatterCanvas points={points} label={label} size={size} {...(color ? { color } : {})} />
          ) : (
            <div className="scatter-panel-empty" style={{ width: size, height: size }}>{empty}</div>
          )}
          <div className="scatter-panel-xlabel" aria-hidden="true">first coordinate</div>
        </div>
      </div>
      {children && <div className="scatter-panel-readout widget-readout">{children}</div>}
    </figure>
  );
}
