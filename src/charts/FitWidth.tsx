/**
 * Shows a fixed-size chart (a canvas under an SVG of axes, drawn for one pixel size) at its own
 * width, or scaled down as a whole (CSS zoom) where its column is narrower, e.g. on a phone. The
 * outer box takes min(width, the space it is given); the chart inside keeps drawing at `width`.
 * Pointer handlers that map through getBoundingClientRect stay correct under zoom.
 */
import type { ReactNode } from 'react';
import { useElementWidth } from './useElementWidth';

export function FitWidth({ width, children }: { width: number; children: ReactNode }) {
  const [ref, available] = useElementWidth<HTMLDivElement>(width);
  const zoom = available > 0 && available < width ? available / width : 1;
  return (
    <div ref={ref} className="fit-width" style={{ width, maxWidth: '100%', minWidth: 0 }}>
      <div style={zoom < 1 ? { width, zoom } : { width }}>{children}</div>
    </div>
  );
}
