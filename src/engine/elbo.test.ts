import { describe, expect, it } from 'vitest';
import { affineModelLogLikelihood, type AffineEps } from './affineLikelihood';
import { elboTerms, type EpsFn } from './elbo';
import { klIsotropic } from './gaussian';
import { makeRng } from './rng';
import { makeSchedule, type Schedule } from './schedule';

// Two data distributions whose exact denoisers are known in closed form, so the ELBO code can be
// checked against the mathematics without any training.

/** Data ~ N(0, I): x_t ~ N(0, I) for every t and E[ε | x_t] = √(1 − ᾱ_t) x_t. */
function gaussianDataDenoiser(schedule: Schedule): EpsFn {
  return (xt, i) => xt.map((v) => Math.sqrt(1 - schedule.alphaBars[i]!) * v);
}

/** Data = the single point c: ε = (x_t − √ᾱ_t c) / √(1 − ᾱ_t) exactly. */
function pointDataDenoiser(schedule: Schedule, c: Float32Array): EpsFn {
  return (xt, i) => {
    const ab = schedule.alphaBars[i]!;
    return xt.map((v, k) => (v - Math.sqrt(ab) * c[k % c.length]!) / Math.sqrt(1 - ab));
  };
}

describe('ELBO decomposition (eq. 5.5, 5.6)', () => {
  it('for N(0, I) data and its exact denoiser with σ² = β_t, −ELBO equals −log N(x_0; 0, I) in expectation', async () => {
    // With σ² = β_t the model's reverse kernels equal the true q(x_{t−1} | x_t) for Gaussian data,
    // so the bound is tight: E[−ELBO(x_0)] = ‖x_0‖²/2 + log 2π in 2D.
    const schedule = makeSchedule({ kind: 'linear', T: 100 });
    const x0 = Float32Array.of(0.5, -1, 1.5, 0.2, 0, 0);
    const reps = 300;
    const batch = new Float32Array(x0.length * reps);
    for (let r = 0; r < reps; r++) batch.set(x0, r * x0.length);
    const terms = await elboTerms({ x0: batch, dim: 2, schedule, epsFn: gaussianDataDenoiser(schedule), rng: makeRng(11), variance: 'beta' });
    for (let p = 0; p < 3; p++) {
      const values: number[] = [];
      for (let r = 0; r < reps; r++) values.push(terms.perPoint[r * 3 + p]!);
      const mean = values.reduce((a, b) => a + b, 0) / reps;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
      const xa = x0[2 * p]!;
      const xb = x0[2 * p + 1]!;
      const exact = (xa * xa + xb * xb) / 2 + Math.log(2 * Math.PI);
      expect(Math.abs(mean - exact)).toBeLessThan(5 * (sd / Math.sqrt(reps)) + 1e-3);
    }
  });

  it('for single-point data with the exact denoiser and σ² = σ̃²_t, every step KL vanishes', async () => {
    const schedule = makeSchedule({ kind: 'cosine', T: 50 });
    const c = Float32Array.of(0.7, -0.4);
    const terms = await elboTerms({ x0: c, dim: 2, schedule, epsFn: pointDataDenoiser(schedule, c), rng: makeRng(12), variance: 'posterior' });
    for (let i = 0; i < schedule.T; i++) expect(Math.abs(terms.stepKl[i]!)).toBeLessThan(1e-5);
    const abT = schedule.alphaBars[schedule.T - 1]!;
    const prior = klIsotropic([Math.sqrt(abT) * 0.7, Math.sqrt(abT) * -0.4], 1 - abT, [0, 0], 1);
    expect(terms.prior).toBeCloseTo(prior, 10);
    // The decoder mean is exactly c, so L_0 = −log N(c; c, β_1 I) = log(2π β_1) in 2D.
    expect(terms.decoder).toBeCloseTo(Math.log(2 * Math.PI * schedule.betas[0]!), 4);
    expect(terms.total).toBeCloseTo(terms.prior + terms.decoder, 4);
  });

  it('reports progress once per timestep, counting up to T', async () => {
    const schedule = makeSchedule({ kind: 'linear', T: 20 });
    const c = Float32Array.of(1, 1);
    const seen: Array<[number, number]> = [];
    await elboTerms({ x0: c, dim: 2, schedule, epsFn: pointDataDenoiser(schedule, c), rng: makeRng(14), variance: 'beta', onProgress: (done, total) => void seen.push([done, total]) });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => [k + 1, 20]));
  });

  it('with σ² = β_t instead, each step KL is the pure variance mismatch d/2 (log(β/σ̃²) + σ̃²/β − 1)', async () => {
    const schedule = makeSchedule({ kind: 'linear', T: 20 });
    const c = Float32Array.of(1, 1);
    const terms = await elboTerms({ x0: c, dim: 2, schedule, epsFn: pointDataDenoiser(schedule, c), rng: makeRng(13), variance: 'beta' });
    for (let i = 1; i < schedule.T; i++) {
      const b = schedule.betas[i]!;
      const v = schedule.posteriorVariance[i]!;
      expect(terms.stepKl[i]).toBeCloseTo(Math.log(b / v) + v / b - 1, 4);
    }
    expect(terms.stepKl[0]).toBe(0);
  });
});

describe('the ELBO is a lower bound on log p_θ(x_0) (eq. 5.3)', () => {
  // With an affine ε_θ the model's likelihood is exact (eq. 5.2, affineLikelihood.ts), so the bound
  // can be checked against the true value: E[−ELBO(x_0)] ≥ −log p_θ(x_0), the gap being the KL
  // between q(x_{1:T} | x_0) and the model's own posterior over the path.
  const schedule = makeSchedule({ kind: 'linear', T: 40 });
  const T = schedule.T;

  /** −ELBO of x0 over `reps` independent noise draws: mean and standard error. */
  async function negElbo(x0: number, model: AffineEps, reps: number, seed: number): Promise<{ mean: number; se: number }> {
    const epsFn: EpsFn = (xt, i) => xt.map((v) => model.slope[i]! * v + model.intercept[i]!);
    const terms = await elboTerms({ x0: new Float32Array(reps).fill(x0), dim: 1, schedule, epsFn, rng: makeRng(seed), variance: 'beta' });
    const values = Array.from(terms.perPoint);
    const mean = values.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
    return { mean, se: sd / Math.sqrt(reps) };
  }

  it('holds for the exact denoiser of N(0.8, 0.5²) data, and for a network that always says ε = 0', async () => {
    const [m, s2] = [0.8, 0.25];
    const exact: AffineEps = { slope: [], intercept: [] };
    const slope: number[] = [];
    const intercept: number[] = [];
    for (let i = 0; i < T; i++) {
      const ab = schedule.alphaBars[i]!;
      const k = Math.sqrt(1 - ab) / (ab * s2 + 1 - ab); // E[ε | x_t] = k (x_t − √ᾱ_t m)
      slope.push(k);
      intercept.push(-k * Math.sqrt(ab) * m);
    }
    Object.assign(exact, { slope, intercept });
    const zero: AffineEps = { slope: new Array(T).fill(0), intercept: new Array(T).fill(0) };
    for (const [model, x0] of [[exact, 0.3], [exact, 1.6], [zero, 0.3]] as const) {
      const bound = await negElbo(x0, model, 2000, 14);
      const nll = -affineModelLogLikelihood(x0, schedule, model, 'beta');
      expect(bound.mean).toBeGreaterThan(nll - 5 * bound.se);
    }
  });
});
