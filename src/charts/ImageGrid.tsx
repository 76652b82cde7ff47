/**
 * A grid of small greyscale images (n × width × height pixel values in [−1, 1], the model's scale
 * of eq. 8.1) on one canvas. Each image pixel is a whole square of device pixels, drawn with no
 * smoothing, so 8×8 digits stay crisp at any size. The grid is as large as its container allows
 * (at most MAX_CELL device-independent pixels per image pixel). Ink (+1) is drawn in the theme's
 * text colour on the panel colour (−1): dark on light, light on dark. Values outside [−1, 1]
 * (noised images, raw samples) are clipped for display only.
 */
import { useEffect, useRef } from 'react';
import { context2d } from './context2d';
import { readThemeColors, useColorScheme } from './themeColors';
import { useElementWidth } from './useElementWidth';

interface Props {
  /** n × width × height values, image after image, each row-major. */
  pixels: Float32Array | null;
  n: number;
  width?: number;
  height?: number;
  /** Images per row (default: as square a grid as n allows). */
  columns?: number;
  label: string;
  /** Largest size of one image pixel, in CSS pixels. */
  maxCell?: number;
  /** Shown instead of the grid while there are no pixels. */
  emptyText?: string;
}

/** CSS pixels between neighbouring images. */
const GAP = 3;

/** `#rgb` or `#rrggbb` (or rgb(…)) to [r, g, b]; black where the string is not a colour we read. */
export function parseColor(c: string): [number, number, number] {
  const s = c.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const n = parseInt(m[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [0, 1, 2].map((k) => parseInt(m![1]![k]! + m![1]![k]!, 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(s);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}

/** FNV-1a over the pixels' float bits: tests read it to tell one grid from another. */
function fingerprint(pixels: Float32Array): string {
  const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return (h >>> 0).toString(16);
}

export function ImageGrid({ pixels, n, width = 8, height = 8, columns, label, maxCell = 6, emptyText = 'No images yet' }: Props) {
  const cols = Math.max(1, Math.min(n, columns ?? Math.ceil(Math.sqrt(n))));
  const rows = Math.ceil(n / cols);
  const [boxRef, boxWidth] = useElementWidth<HTMLDivElement>(cols * (width * maxCell + GAP));
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = context2d(canvas);
    if (!canvas || !ctx || !pixels) return;
    const dpr = window.devicePixelRatio || 1;
    // A whole number of device pixels per image pixel: no seams, no blur.
    const fitCss = (boxWidth - (cols - 1) * GAP) / (cols * width);
    const cell = Math.max(1, Math.floor(Math.min(maxCell, fitCss) * dpr));
    const gap = Math.max(1, Math.round(GAP * dpr));
    const w = cols * width * cell + (cols - 1) * gap;
    const h = rows * height * cell + (rows - 1) * gap;
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${w / dpr}px`;
    canvas.style.height = `${h / dpr}px`;
    const theme = readThemeColors(canvas);
    const ink = parseColor(theme.fg);
    const paper = parseColor(theme.panel);
    const gapColor = parseColor(theme.border);
    const image = ctx.createImageData(w, h);
    const data = image.data;
    for (let p = 0; p < w * h; p++) {
      data[4 * p] = gapColor[0];
      data[4 * p + 1] = gapColor[1];
      data[4 * p + 2] = gapColor[2];
      data[4 * p + 3] = 255;
    }
    const count = Math.min(n, Math.floor(pixels.length / (width * height)));
    for (let k = 0; k < count; k++) {
      const x0 = (k % cols) * (width * cell + gap);
      const y0 = Math.floor(k / cols) * (height * cell + gap);
      for (let r = 0; r < height; r++)
        for (let c = 0; c < width; c++) {
          const v = pixels[k * width * height + r * width + c]!;
          // eq. 8.1 read backwards: −1 is background (paper), +1 is full ink.
          const a = Number.isFinite(v) ? Math.min(1, Math.max(0, (v + 1) / 2)) : 0;
          const rgb = [0, 1, 2].map((j) => Math.round(paper[j]! + a * (ink[j]! - paper[j]!)));
          for (let dy = 0; dy < cell; dy++) {
            let q = 4 * ((y0 + r * cell + dy) * w + x0 + c * cell);
            for (let dx = 0; dx < cell; dx++, q += 4) {
              data[q] = rgb[0]!;
              data[q + 1] = rgb[1]!;
              data[q + 2] = rgb[2]!;
            }
          }
        }
    }
    ctx.putImageData(image, 0, 0);
    canvas.dataset.fingerprint = fingerprint(pixels);
    canvas.dataset.images = String(count);
    canvas.dataset.cell = String(cell);
  }, [pixels, n, width, height, cols, rows, boxWidth, maxCell, scheme]);

  return (
    <div ref={boxRef} className="image-grid">
      {pixels ? (
        <canvas ref={canvasRef} role="img" aria-label={label} style={{ imageRendering: 'pixelated', display: 'block', maxWidth: '100%' }} />
      ) : (
        <p className="image-grid-empty" role="status">{emptyText}</p>
      )}
    </div>
  );
}
