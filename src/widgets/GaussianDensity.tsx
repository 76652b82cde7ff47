/** The Gaussian density of eq. 2.1 with μ and σ sliders, against the standard normal for reference. */
import { useMemo, useState } from 'react';
import { XYLineChart } from '../charts/XYLineChart';
import { PALETTE } from '../charts/palette';
import { gaussianPdf } from '../engine/gaussian';
import { linspace } from '../engine/schedule';
import { Slider } from './Slider';

const XS = linspace(-6, 6, 241);

export default function GaussianDensity() {
  const [mu, setMu] = useState(0);
  const [sigma, setSigma] = useState(1);
  const series = useMemo(
    () => [
      { key: 'density', label: `N(x; ${mu}, ${sigma}²)`, x: XS, y: XS.map((x) => gaussianPdf(x, mu, sigma)), color: PALETTE.blue },
      { key: 'standard', label: 'N(x; 0, 1)', x: XS, y: XS.map((x) => gaussianPdf(x, 0, 1)), color: PALETTE.grey, dash: '5 4' },
    ],
    [mu, sigma],
  );
  const peak = 1 / Math.sqrt(2 * Math.PI * sigma * sigma);
  return (
    <div className="widget-body" data-testid="gaussian-density">
      <div className="widget-controls">
        <Slider label="mean μ" value={mu} min={-3} max={3} step={0.1} onChange={setMu} format={(v) => v.toFixed(1)} />
        <Slider label="std σ" value={sigma} min={0.2} max={3} step={0.05} onChange={setSigma} format={(v) => v.toFixed(2)} />
      </div>
      <XYLineChart description={`Gaussian density with mean ${mu} and standard deviation ${sigma}, beside the standard normal`} xLabel="x" yLabel="density" series={series} xDomain={[-6, 6]} yDomain={[0, Math.max(0.45, peak)]} />
      <p className="widget-readout">
        Peak height 1/√(2πσ²) = <strong data-testid="peak">{peak.toFixed(3)}</strong>; the area under the curve stays 1.
      </p>
    </div>
  );
}
