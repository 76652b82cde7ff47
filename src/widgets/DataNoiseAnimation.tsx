/**
 * The overview picture: two moons dissolving into Gaussian noise under the forward process
 * (eq. 3.5, each point keeping its own ε), then the same frames played backwards. Playing the
 * forward frames in reverse is only a picture of the goal; the learned reverse process is in
 * the Sampling chapter. Respects prefers-reduced-motion: it starts paused there.
 */
import { useEffect, useMemo, useState } from 'react';
import { ScatterCanvas } from '../charts/ScatterCanvas';
import { makeDataset } from '../engine/datasets';
import { qSample } from '../engine/forward';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';

const T = 1000;
const N = 1200;
const FRAMES = 120;
const schedule = makeSchedule({ kind: 'cosine', T });

export default function DataNoiseAnimation() {
  const x0 = useMemo(() => makeDataset('twoMoons', N, 3).points, []);
  const eps = useMemo(() => makeRng(4).normals(2 * N), []);
  const reduced = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const [playing, setPlaying] = useState(!reduced);
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => setFrame((f) => (f + 1) % (2 * FRAMES)), 50);
    return () => window.clearInterval(id);
  }, [playing]);
  const phase = frame < FRAMES ? frame : 2 * FRAMES - frame; // 0 → FRAMES → 0
  const t = Math.round((phase / FRAMES) * T);
  const points = useMemo(() => (t === 0 ? x0 : qSample(x0, eps, t - 1, schedule)), [t, x0, eps]);
  return (
    <div className="widget-body" data-testid="data-noise-animation">
      <div className="widget-controls">
        <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>{playing ? 'Pause' : 'Play'}</button>
        <span className="widget-readout" data-record-readout="">t = <strong data-testid="anim-t">{t}</strong> of {T} ({frame < FRAMES ? 'data → noise' : 'noise → data'})</span>
      </div>
      <ScatterCanvas points={points} label={`Two moons at forward step t = ${t}`} />
    </div>
  );
}
