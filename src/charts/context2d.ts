/**
 * The 2D context every chart canvas draws with: CPU-backed (`willReadFrequently`), on purpose.
 * Where the browser has no GPU it emulates one in software (SwiftShader), and an accelerated
 * canvas then costs the main thread 50–110 ms per redraw in compositor commits: measured in
 * headless Chromium here, 2000 points redrawn at 60 fps gave 19 long tasks over 60 frames
 * accelerated and none CPU-backed (16.7 ms a frame, 0.8–1.4 ms of it drawing). A few thousand
 * points at chart size rasterise in about a millisecond on any CPU, GPU or not.
 */
export function context2d(canvas: HTMLCanvasElement | null | undefined): CanvasRenderingContext2D | null {
  return canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
}
