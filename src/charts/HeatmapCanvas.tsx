/**
 * A G × G heat map of the square [−extent, extent]² on a canvas, with data points and an optional
 * marker on top, axes in an SVG overlay, and a colour legend below. A click reports the data
 * coordinates of the spot clicked. Cell p = row · G + col covers x from col, y from row (row 0 at
 * the bottom).
 */
import { sizedContext2d } from './context2d';
import { scaleLinear, type ScaleSequential } from 'd3';
import { useEffect, useId, useRef } from 'react';
import { FitWidth } from './FitWidth';

interface Props {
  values: Float64Array | null;
  grid: number;
  extent: number;
  color: ScaleSequential<string>;
  points?: Float32Array;
  marker?: { x: number; y: number } | null;
  onPick?: (x: number, y: number) => void;
  label: string;
  legendTitle: string;
  /** Whether `color` is a log scale (scaleSequentialLog): the legend then spaces its ticks by ratio. */
  log?: boolean;
  size?: number;
}

const PAD = 30;
/** Room above and to the right of the plot, so the end tick labels are not cut off. */
const EDGE = 8;
const LEGEND_H = 46;

/** Powers of ten in [lo, hi]; with fewer than three of them, also their 2× and 5× multiples. */
function logTicks(lo: number, hi: number): number[] {
  const powers: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); 10 ** e <= hi; e++) powers.push(10 ** e);
  if (powers.length >= 3) return powers;
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); 10 ** e <= hi; e++) for (const m of [1, 2, 5]) if (m * 10 ** e >= lo && m * 10 ** e <= hi) out.push(m * 10 ** e);
  return out;
}

export function HeatmapCanvas({ values, grid, extent, color, points, marker, onPick, label, legendTitle, log = false, size = 340 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const gradientId = useId();
  const inner = size - PAD;
  const x = scaleLinear().domain([-extent, extent]).range([PAD, size]);
  const y = scaleLinear().domain([-extent, extent]).range([inner, 0]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = sizedContext2d(canvas, inner, inner);
    if (!canvas || !ctx) return;
    const cell = inner / grid;
    if (values) {
      for (let row = 0; row < grid; row++) {
        for (let col = 0; col < grid; col++) {
          ctx.fillStyle = color(values[row * grid + col]!);
          // +0.5 px overlap hides hairline seams between cells
          ctx.fillRect(col * cell, inner - (row + 1) * cell, cell + 0.5, cell + 0.5);
        }
      }
    }
    if (points) {
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeStyle = 'rgba(0,0,0,0.75)';
      ctx.lineWidth = 0.75;
      for (let k = 0; k + 1 < points.length; k += 2) {
        ctx.beginPath();
        ctx.arc(x(points[k]!) - PAD, y(points[k + 1]!), 1.8, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    canvas.dataset.cells = values ? String(values.length) : '0';
  });

  const pick = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    if (!onPick) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * inner + PAD;
    const py = ((e.clientY - rect.top) / rect.height) * inner;
    onPick(x.invert(px), y.invert(py));
  };

  const ticks = x.ticks(5);
  const [lo, hi] = color.domain() as [number, number];
  const legend = scaleLinear().domain([0, 1]).range([PAD, size]);
  const legendTicks = log ? logTicks(lo, hi) : scaleLinear().domain([lo, hi]).ticks(5);
  /** Position in the legend of value v, as the colour scale places it. */
  const legendPos = (v: number): number => {
    const f = log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo || 1);
    return legend(Math.min(1, Math.max(0, f)));
  };

  return (
    <FitWidth width={size + EDGE}>
    <div className="heatmap" style={{ width: size + EDGE }}>
      <div style={{ position: 'relative', width: size + EDGE, height: size + EDGE }}>
        <canvas
          ref={ref}
          role="img"
          aria-label={label}
          onClick={pick}
          style={{ position: 'absolute', left: PAD, top: EDGE, width: inner, height: inner, cursor: onPick ? 'crosshair' : 'default' }}
        />
        <svg width={size + EDGE} height={size + EDGE} aria-hidden="true" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
        <g transform={`translate(0,${EDGE})`}>
          <rect x={PAD} y={0} width={inner} height={inner} fill="none" stroke="var(--border, #d0d7de)" />
          {ticks.map((v) => (
            <g key={v}>
              <text x={x(v)} y={inner + 14} textAnchor="middle" className="tick">{v}</text>
              <text x={PAD - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
            </g>
          ))}
          <text x={(PAD + size) / 2} y={size - 2} textAnchor="middle" className="axis-label">x₁</text>
          <text x={10} y={inner / 2} textAnchor="middle" className="axis-label">x₂</text>
          {marker && (
            <g transform={`translate(${x(marker.x)},${y(marker.y)})`} data-marker={`${marker.x},${marker.y}`}>
              <circle r={7} fill="none" stroke="#fff" strokeWidth={3} />
              <circle r={7} fill="none" stroke="#000" strokeWidth={1.5} />
            </g>
          )}
        </g>
        </svg>
      </div>
      <svg width={size} height={LEGEND_H} role="img" aria-label={`Colour legend: ${legendTitle} from ${lo.toPrecision(2)} to ${hi.toPrecision(2)}`}>
        <defs>
          <linearGradient id={gradientId}>
            {Array.from({ length: 11 }, (_, k) => {
              const v = log ? lo * (hi / lo) ** (k / 10) : lo + ((hi - lo) * k) / 10;
              return <stop key={k} offset={`${k * 10}%`} stopColor={color(v)} />;
            })}
          </linearGradient>
        </defs>
        <rect x={PAD} y={4} width={inner} height={10} fill={`url(#${gradientId})`} stroke="var(--border, #d0d7de)" />
        {legendTicks.filter((v) => v >= lo && v <= hi).map((v) => (
          <g key={v} transform={`translate(${legendPos(v)},14)`}>
            <line y2={4} stroke="var(--axis)" />
            <text y={15} textAnchor="middle" className="tick">{v >= 100 ? v.toFixed(0) : String(+v.toPrecision(2))}</text>
          </g>
        ))}
        <text x={(PAD + size) / 2} y={LEGEND_H - 2} textAnchor="middle" className="axis-label">{legendTitle}</text>
      </svg>
    </div>
    </FitWidth>
  );
}
