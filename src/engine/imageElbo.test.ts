import { describe, expect, it } from 'vitest';
import { elboTerms, type EpsFn } from './elbo';
import reference from './fixtures/discreteGaussian.json';
import { imageElboTerms } from './imageElbo';
import { levelsToUnit } from './pixelScale';
import { makeRng } from './rng';
import { makeSchedule, type Schedule } from './schedule';

// Known answers: for data that are one image c, the exact denoiser is ε = (x_t − √ᾱ_t c)/√(1 − ᾱ_t),
// and with σ² = σ̃²_t every step KL vanishes (elbo.test.ts). What remains is the prior,
//   L_T = KL(N(√ᾱ_T c, (1 − ᾱ_T) I) ‖ N(0, I)) = ½[D(1 − ᾱ_T) − D + ᾱ_T‖c‖² − D ln(1 − ᾱ_T)],
// and the decoder, whose discrete value the mpmath reference gives (scripts/reference/discreteGaussian.py).
function exactDenoiser(schedule: Schedule, c: Float32Array, decoderMean?: ArrayLike<number>): EpsFn {
  return (xt, i) => {
    const ab = schedule.alphaBars[i]!;
    // At t = 1 (ᾱ_1 = α_1 = 1 − β_1), ε = (x_1 − √α_1 m)/√β_1 makes μ_θ(x_1, 1) = m exactly (eq. 4.7).
    const target = i === 0 && decoderMean ? decoderMean : c;
    return xt.map((v, k) => (v - Math.sqrt(ab) * target[k % c.length]!) / Math.sqrt(1 - ab));
  };
}

function priorKl(c: ArrayLike<number>, abT: number): number {
  const D = c.length;
  let sq = 0;
  for (let k = 0; k < D; k++) sq += c[k]! * c[k]!;
  return 0.5 * (D * (1 - abT) - D + abT * sq - D * Math.log(1 - abT));
}

describe('−ELBO of images with the discretised decoder (eq. 5.5 with eq. 8.7), in bits/dim (eq. 8.5)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 }); // β_1 = 10⁻⁴, as in the reference
  const [atCentres, offCentres] = reference.discretizedGaussian;
  const c = levelsToUnit(atCentres!.levels); // levels 0, 8, 16, 3
  const D = c.length;

  it('single-image data, exact denoiser: −ELBO = L_T + (−ln P(c | μ = c)), the decoder from the reference', async () => {
    const out = await imageElboTerms({ x0: c, dim: D, schedule, epsFn: exactDenoiser(schedule, c), rng: makeRng(3), variance: 'posterior' });
    expect(schedule.betas[0]).toBe(1e-4); // the reference's decoder variance
    expect(out.decoder).toBeCloseTo(-atCentres!.logProb, 6);
    expect(out.prior).toBeCloseTo(priorKl(c, schedule.alphaBars[schedule.T - 1]!), 6);
    expect(out.total).toBeCloseTo(priorKl(c, schedule.alphaBars[schedule.T - 1]!) - atCentres!.logProb, 4);
    expect(out.bitsPerDim[0]).toBeCloseTo(out.total / (D * Math.LN2), 12);
    expect(out.meanBitsPerDim).toBeCloseTo(out.total / (D * Math.LN2), 12);
  });

  it('a decoder mean off the bin centres costs exactly the reference −ln P, and the other terms are elbo.ts’s own', async () => {
    const epsFn = exactDenoiser(schedule, c, offCentres!.means);
    const out = await imageElboTerms({ x0: c, dim: D, schedule, epsFn, rng: makeRng(4), variance: 'posterior' });
    const continuous = await elboTerms({ x0: c, dim: D, schedule, epsFn, rng: makeRng(4), variance: 'posterior' });
    expect(out.decoder).toBeCloseTo(-offCentres!.logProb, 5);
    expect(out.prior).toBe(continuous.prior);
    expect(Array.from(out.stepKl)).toEqual(Array.from(continuous.stepKl));
    expect(out.total - out.decoder).toBeCloseTo(continuous.total - continuous.decoder, 9);
  });

  it('the continuous decoder density would make this same bound negative; the discrete one never is', async () => {
    const epsFn = exactDenoiser(schedule, c);
    const continuous = await elboTerms({ x0: c, dim: D, schedule, epsFn, rng: makeRng(5), variance: 'posterior' });
    // −ln N(c; c, 10⁻⁴ I) = D · ½ ln(2π · 10⁻⁴) ≈ −14.7 nats for D = 4.
    expect(continuous.decoder).toBeCloseTo(D * 0.5 * Math.log(2 * Math.PI * 1e-4), 3);
    // Any network at all: every per-image value is ≥ 0 (KLs and −ln of a probability).
    const rng = makeRng(6);
    const noisy: EpsFn = (xt) => Float32Array.from(xt, () => 2 * rng.normal());
    const batch = levelsToUnit([0, 8, 16, 3, 5, 5, 5, 5, 16, 0, 1, 2]);
    const out = await imageElboTerms({ x0: batch, dim: 4, schedule, epsFn: noisy, rng: makeRng(7), variance: 'beta' });
    for (const b of out.bitsPerDim) expect(b).toBeGreaterThanOrEqual(0);
    expect(out.bitsPerDim).toHaveLength(3);
  });

  it('refuses images off the level grid before calling the network', async () => {
    let calls = 0;
    const epsFn: EpsFn = (xt) => {
      calls++;
      return xt;
    };
    await expect(imageElboTerms({ x0: Float32Array.of(0.05, 0, 0, 0), dim: 4, schedule, epsFn, rng: makeRng(1), variance: 'beta' })).rejects.toThrow(/grid/);
    expect(calls).toBe(0);
  });
});
