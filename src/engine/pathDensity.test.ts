import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { forwardPathLogPdf, modelPathLogPdf, reversePathLogPdf } from './pathDensity';
import { makeRng, type Rng } from './rng';
import { makeSchedule, type Schedule } from './schedule';

/** A random path x_0 … x_k in `dim` dimensions, drawn along the forward chain (so every term is well inside its density). */
function randomPath(rng: Rng, schedule: Schedule, k: number, dim: number): Float64Array[] {
  const path = [Float64Array.from(rng.normals(dim), (v) => 1.5 * v)];
  for (let t = 1; t <= k; t++) {
    const prev = path[t - 1]!;
    path.push(Float64Array.from(prev, (v) => Math.sqrt(1 - schedule.betas[t - 1]!) * v + Math.sqrt(schedule.betas[t - 1]!) * rng.normal()));
  }
  return path;
}

describe('the forward chain as a product of steps (eq. 3.3)', () => {
  it('for two steps in 1D it is the bivariate normal density of (x_1, x_2) given x_0, written out in closed form', () => {
    const s = makeSchedule({ kind: 'linear', T: 10, betaStart: 0.0002, betaEnd: 0.004 }); // β = 0.02 … 0.4 (× 1000/T)
    const [b1, b2] = [s.betas[0]!, s.betas[1]!];
    const [a1, a2] = [1 - b1, 1 - b2];
    expect(b1).toBeCloseTo(0.02, 14);
    const [x0, x1, x2] = [0.7, 0.5, -0.2];
    // x_1 = √a1 x_0 + √b1 e1, x_2 = √a2 x_1 + √b2 e2: Cov = [[b1, √a2 b1], [√a2 b1, a2 b1 + b2]].
    const m = [Math.sqrt(a1) * x0, Math.sqrt(a2 * a1) * x0];
    const c11 = b1;
    const c12 = Math.sqrt(a2) * b1;
    const c22 = a2 * b1 + b2;
    const det = c11 * c22 - c12 * c12;
    const [d1, d2] = [x1 - m[0]!, x2 - m[1]!];
    const quad = (c22 * d1 * d1 - 2 * c12 * d1 * d2 + c11 * d2 * d2) / det;
    const byHand = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
    expect(forwardPathLogPdf([Float64Array.of(x0), Float64Array.of(x1), Float64Array.of(x2)], s)).toBeCloseTo(byHand, 10);
  });
});

describe('the chain factored backwards (eq. 5.4)', () => {
  it('gives the same log density as the forward product for random paths of every length, in 3D', () => {
    const rng = makeRng(71);
    for (const kind of ['linear', 'cosine'] as const) {
      const s = makeSchedule({ kind, T: 12 });
      for (let k = 1; k <= 12; k++) {
        const path = randomPath(rng, s, k, 3);
        expect(reversePathLogPdf(path, s)).toBeCloseTo(forwardPathLogPdf(path, s), 7);
      }
    }
  });

  it('also agrees at paths far from the typical ones (the identity holds pointwise, not only on average)', () => {
    const s = makeSchedule({ kind: 'linear', T: 6 });
    const path = [0.3, 2, -1, 0.5, 3, -2, 1].map((v) => Float64Array.of(v));
    expect(reversePathLogPdf(path, s)).toBeCloseTo(forwardPathLogPdf(path, s), 6);
  });

  it('rejects paths of the wrong length or with mixed dimensions', () => {
    const s = makeSchedule({ kind: 'linear', T: 4 });
    expectInputError(() => forwardPathLogPdf([Float64Array.of(0)], s), 'path');
    expectInputError(() => reversePathLogPdf(Array.from({ length: 6 }, () => Float64Array.of(0)), s), 'path');
    expectInputError(() => forwardPathLogPdf([Float64Array.of(0), Float64Array.of(0, 1)], s), 'path');
  });
});

describe("the model's joint p_θ(x_{0:T}) (eq. 5.1)", () => {
  it('for N(0, I) data, the exact denoiser and σ² = β_t, equals the true joint N(x_0; 0, I) · q(x_{1:T} | x_0) at any path', () => {
    // Standard normal data keep every marginal N(0, I), and then q(x_{t−1} | x_t) = N(√α_t x_t, β_t I)
    // exactly, which is the model's step with ε_θ = √(1 − ᾱ_t) x_t. So the two joints are the same density.
    const s = makeSchedule({ kind: 'linear', T: 8, betaStart: 0.0008, betaEnd: 0.002 }); // β = 0.1 … 0.25
    const oracle = (xt: Float32Array | Float64Array, i: number): Float64Array => Float64Array.from(xt, (v) => Math.sqrt(1 - s.alphaBars[i]!) * v);
    const rng = makeRng(72);
    for (let r = 0; r < 5; r++) {
      const path = randomPath(rng, s, 8, 2);
      const x0 = path[0]!;
      const logData = -Math.log(2 * Math.PI) - (x0[0]! ** 2 + x0[1]! ** 2) / 2;
      expect(modelPathLogPdf(path, oracle, s, 'beta')).toBeCloseTo(logData + forwardPathLogPdf(path, s), 7);
    }
  });

  it('with a network that predicts ε = 0 the chain just rescales: x_T ~ N(0, I), x_{t−1} ~ N(x_t/√α_t, σ_t² I)', () => {
    const s = makeSchedule({ kind: 'linear', T: 3, betaStart: 0.0001, betaEnd: 0.0003 }); // β = 1/30 … 1/10
    const zero = (xt: Float32Array | Float64Array): Float64Array => new Float64Array(xt.length);
    const xs = [0.1, -0.4, 0.8, 1.1];
    const logN = (x: number, m: number, v: number): number => -0.5 * Math.log(2 * Math.PI * v) - (x - m) ** 2 / (2 * v);
    let byHand = logN(xs[3]!, 0, 1);
    for (let t = 3; t >= 1; t--) {
      const v = t === 1 ? s.betas[0]! : s.posteriorVariance[t - 1]!;
      byHand += logN(xs[t - 1]!, xs[t]! / Math.sqrt(s.alphas[t - 1]!), v);
    }
    expect(modelPathLogPdf(xs.map((v) => Float64Array.of(v)), zero, s, 'posterior')).toBeCloseTo(byHand, 9);
    expectInputError(() => modelPathLogPdf(xs.slice(1).map((v) => Float64Array.of(v)), zero, s, 'beta'), 'path');
  });
});
