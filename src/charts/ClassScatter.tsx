/**
 * Labelled 2D points on a canvas: faint data points coloured by class behind, sample points in
 * their class colour on top, and class centres marked ×. Axes and the frame are an SVG overlay
 * drawn by React. Redraws when its inputs change or the colour scheme flips.
 */
import { sizedContext2d } from './context2d';
import { scaleLinear } from 'd3';
import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  /** Background data (n × 2) and their classes. */
  data: Float32Array;
  labels: Int32Array;
  /** Samples (m × 2), all drawn in `sampleClass`'s colour (a negative class: no class, the text colour). */
  samples: Float32Array | null;
  sampleClass: number;
  /** Class centres (classes × 2). */
  centres: Float32Array;
  colors: readonly string[];
  extent?: number;
  size?: number;
  /** Names the centre marks (the class each × is the mean of), written beside them; none by default. */
  markLabels?: readonly string[];
  /** Opacity of the background points: faint (the default) where samples are the subject, stronger where the cloud itself is. */
  cloudAlpha?: { light: number; dark: number };
}

const PAD = 28;
/** Room above and right of the frame, so the end tick labels are not cut off. */
const EDGE = 8;

/** True while the page shows its dark theme; follows changes of the system setting. */
function useDarkScheme(): boolean {
  const media = (): MediaQueryList | null => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);
  const [dark, setDark] = useState(() => media()?.matches ?? false);
  useEffect(() => {
    const query = media();
    if (!query) return;
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return dark;
}

export function ClassScatter({ label, data, labels, samples, sampleClass, centres, colors, extent = 3, size = 320, cloudAlpha = { light: 0.22, dark: 0.3 }, markLabels }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dark = useDarkScheme();
  const inner = size - PAD;
  const x = scaleLinear().domain([-extent, extent]).range([PAD, size - EDGE]);
  const y = scaleLinear().domain([-extent, extent]).range([inner, EDGE]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = sizedContext2d(canvas, size, size);
    if (!canvas || !ctx) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD, EDGE, inner - EDGE, inner - EDGE);
    ctx.clip();
    ctx.globalAlpha = dark ? cloudAlpha.dark : cloudAlpha.light;
    for (let i = 0; i < labels.length; i++) {
      ctx.fillStyle = colors[labels[i]!] ?? '#888';
      ctx.fillRect(x(data[2 * i]!) - 1.5, y(data[2 * i + 1]!) - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    if (samples) {
      ctx.fillStyle = sampleClass < 0 ? (dark ? '#e6edf3' : '#1b1f24') : (colors[sampleClass] ?? '#888');
      ctx.strokeStyle = dark ? '#0d1117' : '#ffffff';
      ctx.lineWidth = 0.8;
      for (let i = 0; i + 1 < samples.length; i += 2) {
        ctx.beginPath();
        ctx.arc(x(samples[i]!), y(samples[i + 1]!), 2.6, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.restore();
    canvas.dataset.samples = String(samples ? samples.length / 2 : 0);
  });

  const ticks = x.ticks(5);
  const marks = Array.from({ length: centres.length / 2 }, (_, k) => [x(centres[2 * k]!), y(centres[2 * k + 1]!)] as const);
  return (
    <div className="scatter class-scatter" style={{ width: size, height: size }}>
      <canvas ref={ref} role="img" aria-label={label} style={{ width: size, height: size }} />
      <svg width={size} height={size} aria-hidden="true">
        <rect x={PAD} y={EDGE} width={inner - EDGE} height={inner - EDGE} fill="none" stroke="var(--border, #d0d7de)" />
        {ticks.map((v) => (
          <g key={v}>
            <text x={x(v)} y={inner + 14} textAnchor="middle" className="tick">{v}</text>
            <text x={PAD - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
          </g>
        ))}
        {marks.map(([cx, cy], k) => (
          <g key={k} stroke={k === sampleClass ? 'var(--fg, #1b1f24)' : 'var(--muted, #57606a)'} strokeWidth={k === sampleClass ? 2.5 : 1.5}>
            <line x1={cx - 6} x2={cx + 6} y1={cy - 6} y2={cy + 6} />
            <line x1={cx - 6} x2={cx + 6} y1={cy + 6} y2={cy - 6} />
            {markLabels?.[k] !== undefined && (
              <text x={cx + 8} y={cy - 6} className="class-scatter-mark-label">{markLabels[k]}</text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}
