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

/**
 * The chart's 2D context, its canvas sized to `width` × `height` CSS pixels at the screen's pixel
 * ratio (sharp on high-density screens), cleared, with CSS pixels as drawing units.
 */
export function sizedContext2d(canvas: HTMLCanvasElement | null | undefined, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = context2d(canvas);
  if (!canvas || !ctx) return null;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
