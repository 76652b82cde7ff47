/**
 * KL(p ‖ q) between two 1D Gaussians: the closed form beside a Monte-Carlo estimate
 * E_p[log p(x) − log q(x)] from samples of p, with its standard error (log-densities, so it stays
 * finite when q's density underflows far from its mean).
 */
import { useMemo, useState } from 'react';
import { XYLineChart } from '../charts/XYLineChart';
import { PALETTE } from '../charts/palette';
import { gaussianPdf, klGaussian, klGaussianMonteCarlo } from '../engine/gaussian';
import { makeRng } from '../engine/rng';
import { linspace } from '../engine/schedule';
import { Slider } from './Slider';

const XS = linspace(-6, 6, 241);
const SAMPLES = 4000;

export default function KlGaussians() {
  const [mu1, setMu1] = useState(0);
  const [s1, setS1] = useState(1);
  const [mu2, setMu2] = useState(1);
  const [s2, setS2] = useState(1.5);
  const [seed, setSeed] = useState(1);
  const exact = klGaussian(mu1, s1 * s1, mu2, s2 * s2);
  const mc = useMemo(() => klGaussianMonteCarlo(mu1, s1, mu2, s2, SAMPLES, makeRng(seed)), [mu1, s1, mu2, s2, seed]);
  const series = [
    { key: 'p', label: 'p = N(μ₁, σ₁²)', x: XS, y: XS.map((x) => gaussianPdf(x, mu1, s1)), color: PALETTE.blue },
    { key: 'q', label: 'q = N(μ₂, σ₂²)', x: XS, y: XS.map((x) => gaussianPdf(x, mu2, s2)), color: PALETTE.vermillion, dash: '6 4' },
  ];
  const top = Math.max(0.45, 1 / (Math.sqrt(2 * Math.PI) * Math.min(s1, s2)));
  return (
    <div className="widget-body" data-testid="kl-gaussians">
      <div className="widget-controls">
        <Slider label="μ₁" value={mu1} min={-3} max={3} step={0.1} onChange={setMu1} format={(v) => v.toFixed(1)} />
        <Slider label="σ₁" value={s1} min={0.3} max={3} step={0.05} onChange={setS1} format={(v) => v.toFixed(2)} />
        <Slider label="μ₂" value={mu2} min={-3} max={3} step={0.1} onChange={setMu2} format={(v) => v.toFixed(1)} />
        <Slider label="σ₂" value={s2} min={0.3} max={3} step={0.05} onChange={setS2} format={(v) => v.toFixed(2)} />
      </div>
      <XYLineChart description="The densities p and q" xLabel="x" yLabel="density" series={series} xDomain={[-6, 6]} yDomain={[0, top]} />
      <p className="widget-readout">
        Closed form KL(p ‖ q) = <strong data-testid="kl-exact">{exact.toFixed(4)}</strong> nats · Monte Carlo from {SAMPLES} draws of p ={' '}
        <strong data-testid="kl-mc">{mc.mean.toFixed(4)}</strong> ± {mc.se.toFixed(4)}{' '}
        <button type="button" className="widget-knob" onClick={() => setSeed((s) => s + 1)}>Draw again</button>
      </p>
    </div>
  );
}
