import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { makeRng } from './rng';
import { fitSine, spreadAcrossSignals } from './signalStats';

const wave = (L: number, A: number, f: number, phase: number, offset = 0): Float64Array =>
  Float64Array.from({ length: L }, (_, j) => A * Math.sin((2 * Math.PI * f * j) / L + phase) + offset);

describe('fitSine', () => {
  it('recovers amplitude, frequency, phase and offset of an exact sinusoid', () => {
    for (const [A, f, phase, offset] of [[1.3, 2.2, 0.7, 0.1], [0.6, 1.05, -2.5, 0], [2, 2.93, 3, -0.4]] as const) {
      const fit = fitSine(wave(100, A, f, phase, offset));
      expect(fit.frequency).toBeCloseTo(f, 2);
      expect(fit.amplitude).toBeCloseTo(A, 2);
      expect(fit.offset).toBeCloseTo(offset, 2);
      // Phases agree modulo 2π.
      expect(Math.abs(Math.sin((fit.phase - phase) / 2))).toBeLessThan(0.01);
      expect(fit.residual).toBeLessThan(1e-4);
    }
  });

  it('leaves most of white noise unexplained', () => {
    // Four fitted parameters (and the best of ~200 frequencies) explain only a few of 100 dimensions.
    const rng = makeRng(3);
    for (let k = 0; k < 5; k++) expect(fitSine(rng.normals(100)).residual).toBeGreaterThan(0.8);
  });

  it('a noisy sinusoid keeps its amplitude and a residual near noise / total variance', () => {
    const rng = makeRng(4);
    const clean = wave(200, 1, 2, 0.3);
    const noisy = clean.map((v) => v + 0.3 * rng.normal());
    const fit = fitSine(noisy);
    expect(fit.amplitude).toBeGreaterThan(0.9);
    expect(fit.amplitude).toBeLessThan(1.1);
    // Expected residual ≈ 0.09 / (0.5 + 0.09) ≈ 0.15.
    expect(fit.residual).toBeGreaterThan(0.09);
    expect(fit.residual).toBeLessThan(0.22);
  });

  it('checks its inputs', () => {
    expectInputError(() => fitSine([1, 2, 3]), 'length');
    expectInputError(() => fitSine(wave(20, 1, 1, 0), 2, 1), 'fMax');
  });
});

describe('spreadAcrossSignals', () => {
  it('is 0 for identical signals and A²/2 for sinusoids with random phases', () => {
    const same = new Float64Array(50 * 32);
    for (let k = 0; k < 50; k++) same.set(wave(32, 1.4, 2, 0.2), k * 32);
    expect(spreadAcrossSignals(same, 50, 32)).toBeCloseTo(0, 10);

    // Var over φ ~ U(0, 2π) of A sin(θ + φ) is A²/2 at every position.
    const rng = makeRng(5);
    const n = 4000;
    const random = new Float64Array(n * 32);
    for (let k = 0; k < n; k++) random.set(wave(32, 1.4, 2, 2 * Math.PI * rng.uniform()), k * 32);
    expect(spreadAcrossSignals(random, n, 32)).toBeCloseTo(1.4 ** 2 / 2, 1);
  });

  it('checks its inputs', () => {
    expectInputError(() => spreadAcrossSignals([1, 2, 3], 2, 2), 'signals');
    expectInputError(() => spreadAcrossSignals([], 0, 2), 'n');
  });
});
