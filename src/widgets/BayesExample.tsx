/**
 * Bayes' rule on a screening test: P(ill | positive) = P(positive | ill) P(ill) / P(positive),
 * with P(positive) = P(positive | ill) P(ill) + P(positive | healthy) P(healthy).
 */
import { useState } from 'react';
import { bayesPosterior } from '../engine/bayes';
import { Slider } from './Slider';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export default function BayesExample() {
  const [prior, setPrior] = useState(0.01);
  const [sensitivity, setSensitivity] = useState(0.95);
  const [falsePositive, setFalsePositive] = useState(0.05);
  const posterior = bayesPosterior(prior, sensitivity, falsePositive);
  const bars = [
    { label: 'prior P(ill)', value: prior },
    { label: 'posterior P(ill | positive)', value: posterior },
  ];
  return (
    <div className="widget-body" data-testid="bayes-example">
      <div className="widget-controls">
        <Slider label="prior P(ill)" value={prior} min={0.001} max={0.5} step={0.001} onChange={setPrior} format={pct} />
        <Slider label="P(positive | ill)" value={sensitivity} min={0.5} max={1} step={0.01} onChange={setSensitivity} format={pct} />
        <Slider label="P(positive | healthy)" value={falsePositive} min={0.001} max={0.3} step={0.001} onChange={setFalsePositive} format={pct} />
      </div>
      <svg width="100%" height={70} viewBox="0 0 400 70" role="img" aria-label={`Prior ${pct(prior)}, posterior ${pct(posterior)}`}>
        {bars.map((b, k) => (
          <g key={b.label} transform={`translate(0,${k * 34})`}>
            <rect x={170} y={4} width={220} height={22} fill="var(--grid)" />
            <rect x={170} y={4} width={220 * b.value} height={22} fill={k === 0 ? '#56B4E9' : '#0072B2'} />
            <text x={164} y={19} textAnchor="end" className="axis-label">{b.label}</text>
          </g>
        ))}
      </svg>
      <p className="widget-readout">
        A positive result raises the probability of illness from {pct(prior)} to <strong data-testid="posterior">{pct(posterior)}</strong>.
      </p>
    </div>
  );
}
