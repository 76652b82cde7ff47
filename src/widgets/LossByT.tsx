/**
 * The latest training loss split by timestep bucket: for ε-prediction it is high at small t,
 * where the noise is almost invisible in x_t, and falls towards large t, where x_t is nearly ε.
 */
import { scaleBand, scaleLinear } from 'd3';
import { PALETTE } from '../charts/palette';
import { useRun } from '../state/runStore';
import { TrainHint } from './TrainHint';

const W = 420;
const H = 200;
const M = { top: 10, right: 10, bottom: 36, left: 44 };

export default function LossByT() {
  const buckets = useRun((s) => s.bucketLoss);
  const T = useRun((s) => s.config.T);
  if (!buckets) return <TrainHint what="the loss by timestep" />;
  const values = Array.from(buckets, (v) => (Number.isFinite(v) ? v : 0));
  const x = scaleBand<number>().domain(values.map((_, b) => b)).range([0, W - M.left - M.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(0.1, ...values)]).nice().range([H - M.top - M.bottom, 0]);
  const width = T / values.length;
  return (
    <div className="widget-body" data-testid="loss-by-t">
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Loss per timestep bucket: ${values.map((v) => v.toFixed(2)).join(', ')}`}>
        <g transform={`translate(${M.left},${M.top})`}>
          {y.ticks(4).map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x2={W - M.left - M.right} stroke="var(--grid)" />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">{v}</text>
            </g>
          ))}
          {values.map((v, b) => (
            <rect key={b} x={x(b)} width={x.bandwidth()} y={y(v)} height={y(0) - y(v)} fill={PALETTE.blue} data-bucket={b} />
          ))}
          {values.map((_, b) => (
            <text key={`l${b}`} x={(x(b) ?? 0) + x.bandwidth() / 2} y={y(0) + 14} textAnchor="middle" className="tick">{Math.round((b + 1) * width)}</text>
          ))}
          <text x={(W - M.left - M.right) / 2} y={H - M.top - 4} textAnchor="middle" className="axis-label">timestep t (upper end of each bucket)</text>
        </g>
      </svg>
    </div>
  );
}
