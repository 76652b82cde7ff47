/**
 * How an embedded widget fits its frame (EmbedView.tsx): the width to lay it out at and the scale
 * to draw it at, chosen from measurements, so this part is testable without a browser.
 */

/** Widths the widget may be laid out at before scaling: its layout then suits the frame's shape. */
const LAYOUT_WIDTHS = [320, 400, 480, 560, 640, 720, 800, 960, 1120, 1280];
const MAX_SCALE = 3;

export interface Fit {
  /** The width the widget is laid out at (CSS px, before scaling). */
  width: number;
  scale: number;
}

/**
 * The layout width and scale that show the whole widget in a frame of `frameW` × `frameH` at the
 * largest size: each candidate width is measured (`measure` gives the laid-out content's width
 * and height), scaled down to fit both ways, and the one that ends up largest wins. Small frames
 * (a 360 × 240 slide box) scale below half size rather than cut the widget off.
 */
export function chooseFit(frameW: number, frameH: number, measure: (width: number) => { width: number; height: number }): Fit {
  const widths = [...new Set([Math.max(200, Math.floor(frameW)), ...LAYOUT_WIDTHS])];
  let best: Fit = { width: widths[0]!, scale: 0 };
  for (const width of widths) {
    const size = measure(width);
    const scale = Math.min(MAX_SCALE, frameW / Math.max(1, size.width, width), frameH / Math.max(1, size.height));
    // Ties keep the first (the frame's own width): text wraps as little as needed.
    if (scale > best.scale * 1.01) best = { width, scale };
  }
  return best;
}
