import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { cosineAlphaBar, makeSchedule, SCHEDULE_KINDS, signalToNoise, type Schedule } from './schedule';

// Reference values: the diffusers schedulers' own tests (DDPMScheduler / DDIMScheduler,
// linear betas 1e-4 → 0.02, T = 1000), computed there in float64.
describe('makeSchedule: reference numbers (linear, T = 1000)', () => {
  const s = makeSchedule({ kind: 'linear', T: 1000 });

  it('ᾱ matches the reference cumulative products', () => {
    expect(s.alphaBars[0]).toBeCloseTo(0.9999, 10);
    expect(s.alphaBars[99]).toBeCloseTo(0.89701815, 8);
    expect(s.alphaBars[499]).toBeCloseTo(0.07858724, 8);
    expect(s.alphaBars[999]! / 4.0358e-5).toBeCloseTo(1, 4);
  });

  it('posterior variance σ̃² matches the reference', () => {
    expect(s.posteriorVariance[0]).toBe(0); // ᾱ_0 = 1, so q(x_0 | x_1, x_0) is a point mass
    expect(s.posteriorVariance[487]).toBeCloseTo(0.00979157, 8);
    expect(s.posteriorVariance[999]).toBeCloseTo(0.01999998, 8);
  });

  it('β is linspace(1e-4, 0.02, 1000) with no rescaling at T = 1000', () => {
    expect(s.betas[0]).toBeCloseTo(1e-4, 15);
    expect(s.betas[999]).toBeCloseTo(0.02, 15);
    expect(s.betas[1]! - s.betas[0]!).toBeCloseTo((0.02 - 1e-4) / 999, 15);
  });
});

function expectDerivedConstants(s: Schedule): void {
  for (let i = 0; i < s.T; i++) {
    const beta = s.betas[i]!;
    const ab = s.alphaBars[i]!;
    const abPrev = i === 0 ? 1 : s.alphaBars[i - 1]!;
    expect(s.alphas[i]).toBeCloseTo(1 - beta, 14);
    expect(s.alphaBarsPrev[i]).toBe(abPrev);
    expect(ab).toBeCloseTo(abPrev * (1 - beta), 14);
    expect(s.snr[i]).toBeCloseTo(ab / (1 - ab), 8);
    // eq. 4.4 coefficients, written out again from the page.
    expect(s.posteriorMeanCoef1[i]).toBeCloseTo((Math.sqrt(abPrev) * beta) / (1 - ab), 12);
    expect(s.posteriorMeanCoef2[i]).toBeCloseTo(((1 - abPrev) * Math.sqrt(1 - beta)) / (1 - ab), 12);
  }
}

describe('makeSchedule: every kind', () => {
  for (const kind of SCHEDULE_KINDS) {
    it(`${kind}: β in (0, 1), ᾱ decreasing, derived constants consistent`, () => {
      const s = makeSchedule({ kind, T: 1000 });
      expect(s.betas.length).toBe(1000);
      for (let i = 0; i < s.T; i++) {
        expect(s.betas[i]).toBeGreaterThan(0);
        expect(s.betas[i]).toBeLessThan(1);
        if (i > 0) expect(s.alphaBars[i]).toBeLessThan(s.alphaBars[i - 1]!);
      }
      expectDerivedConstants(s);
    });

    it(`${kind}: ᾱ_T < 1e-3 at T = 1000, so x_T is close to N(0, I)`, () => {
      expect(makeSchedule({ kind, T: 1000 }).alphaBars[999]).toBeLessThan(1e-3);
    });

    it(`${kind}: σ̃²_t ≤ β_t for every t (since 1 − ᾱ_{t−1} ≤ 1 − ᾱ_t)`, () => {
      for (const T of [10, 100, 1000]) {
        const s = makeSchedule({ kind, T });
        for (let i = 0; i < T; i++) expect(s.posteriorVariance[i]).toBeLessThanOrEqual(s.betas[i]! * (1 + 1e-12));
      }
    });

    it(`${kind}: ᾱ_T stays small for smaller T too (β rescaled by 1000/T)`, () => {
      expect(makeSchedule({ kind, T: 100 }).alphaBars[99]).toBeLessThan(1e-3);
    });
  }

  it('quadratic is linspace(√β₀, √β_T)², not linspace(β₀², β_T²)', () => {
    const s = makeSchedule({ kind: 'quadratic', T: 1000 });
    expect(s.betas[0]).toBeCloseTo(1e-4, 15);
    expect(s.betas[999]).toBeCloseTo(0.02, 15);
    const mid = (Math.sqrt(1e-4) + (Math.sqrt(0.02) - Math.sqrt(1e-4)) * (500 / 999)) ** 2;
    expect(s.betas[500]).toBeCloseTo(mid, 15);
  });

  it('cosine follows ᾱ(t) = f(t)/f(0) with f(t) = cos²((t/T + 0.008)/1.008 · π/2) (eq. 3.7)', () => {
    const s = makeSchedule({ kind: 'cosine', T: 1000 });
    const f = (t: number): number => Math.cos(((t / 1000 + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of [1, 10, 250, 500, 900]) expect(s.alphaBars[t - 1]).toBeCloseTo(f(t) / f(0), 10);
    expect(s.betas[999]).toBe(0.999); // the cap
  });

  it('sigmoid is sigmoid(linspace(−6, 6, T)) · (β_T − β₀) + β₀', () => {
    const s = makeSchedule({ kind: 'sigmoid', T: 1000 });
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    expect(s.betas[0]).toBeCloseTo(sig(-6) * (0.02 - 1e-4) + 1e-4, 15);
    expect(s.betas[999]).toBeCloseTo(sig(6) * (0.02 - 1e-4) + 1e-4, 15);
  });

  it('linear rescales β by 1000/T when T ≠ 1000', () => {
    const s = makeSchedule({ kind: 'linear', T: 100 });
    expect(s.betas[0]).toBeCloseTo(1e-3, 15);
    expect(s.betas[99]).toBeCloseTo(0.2, 15);
  });

  // What chapter 3 and the schedule chart's note say about the 1000/T scaling, checked here.
  it('the 1000/T scaling keeps Σβ at 10.05 for linear, but ᾱ_T only for large T: at T = 10 half the β are capped and ᾱ_T ≈ 1.4e-17', () => {
    // Linear at T = 10: β_i = 0.01 + 1.99 i/9 (i = 0 … 9); from i = 5 on these exceed 1 and are capped at 0.999.
    const s = makeSchedule({ kind: 'linear', T: 10 });
    let product = 1;
    let capped = 0;
    for (let i = 0; i < 10; i++) {
      const beta = 0.01 + (1.99 * i) / 9;
      if (beta > 0.999) capped++;
      product *= 1 - Math.min(beta, 0.999);
    }
    expect(capped).toBe(5);
    expect(s.alphaBars[9]).toBeCloseTo(product, 25);
    expect(product).toBeGreaterThan(1e-17);
    expect(product).toBeLessThan(2e-17);
    // Uncapped, Σβ = T · (0.1 + 20)/(2T) = 10.05 for every T; ᾱ_T ≤ exp(−Σβ) since log(1 − β) ≤ −β.
    for (const T of [50, 100, 1000]) {
      const l = makeSchedule({ kind: 'linear', T });
      expect(l.betas.reduce((a, b) => a + b, 0)).toBeCloseTo(10.05, 9);
      expect(l.alphaBars[T - 1]).toBeLessThanOrEqual(Math.exp(-10.05));
    }
  });

  it('ᾱ_T stays within a factor of 2 of its T = 1000 value for T ≥ 120 and a factor of 10 for T ≥ 50 (linear, quadratic, sigmoid); the cap is reached only for T ≤ 20', () => {
    for (const kind of ['linear', 'quadratic', 'sigmoid'] as const) {
      const ref = makeSchedule({ kind, T: 1000 }).alphaBars[999]!;
      for (let T = 10; T <= 1000; T++) {
        const s = makeSchedule({ kind, T });
        const ratio = s.alphaBars[T - 1]! / ref;
        expect(ratio).toBeLessThanOrEqual(1 + 1e-12);
        if (T >= 120) expect(ratio).toBeGreaterThan(0.5);
        if (T >= 50) expect(ratio).toBeGreaterThan(0.1);
        if (T > 20) expect(Math.max(...s.betas)).toBeLessThan(0.999);
      }
      // Well below those ranges ᾱ_T falls by orders of magnitude.
      expect(makeSchedule({ kind, T: 20 }).alphaBars[19]! / ref).toBeLessThan(1e-4);
      expect(Math.max(...makeSchedule({ kind, T: 15 }).betas)).toBe(0.999);
    }
  });
});

describe('makeSchedule: bad input names the parameter and its range', () => {
  const cases: Array<[string, Parameters<typeof makeSchedule>[0], string]> = [
    ['T < 2', { kind: 'linear', T: 1 }, 'T'],
    ['non-integer T', { kind: 'linear', T: 10.5 }, 'T'],
    ['NaN T', { kind: 'linear', T: Number.NaN }, 'T'],
    ['β start ≤ 0', { kind: 'linear', T: 10, betaStart: 0 }, 'betaStart'],
    ['β end ≥ 1', { kind: 'linear', T: 10, betaEnd: 1 }, 'betaEnd'],
    ['β end < β start', { kind: 'linear', T: 10, betaStart: 0.1, betaEnd: 0.01 }, 'betaEnd'],
    ['unknown kind', { kind: 'exponential' as never, T: 10 }, 'kind'],
  ];
  for (const [name, options, param] of cases) {
    it(name, () => {
      const error = expectInputError(() => makeSchedule(options), param);
      expect(error.message).toMatch(new RegExp(`^${param} must be`));
    });
  }

  it('the message states the allowed range', () => {
    expect(() => makeSchedule({ kind: 'linear', T: 1 })).toThrow('T must be an integer in [2, 10000] (got 1)');
  });
});

describe('cosine ᾱ (eq. 3.7) and SNR (eq. 3.8)', () => {
  it('cosineAlphaBar: with s = 0 it is cos²(πt/2T), so 1/2 at T/2, 3/4 at T/3, 1/4 at 2T/3', () => {
    expect(cosineAlphaBar(0, 600, 0)).toBe(1);
    expect(cosineAlphaBar(300, 600, 0)).toBeCloseTo(0.5, 14);
    expect(cosineAlphaBar(200, 600, 0)).toBeCloseTo(0.75, 14);
    expect(cosineAlphaBar(400, 600, 0)).toBeCloseTo(0.25, 14);
    expect(cosineAlphaBar(600, 600, 0)).toBeCloseTo(0, 14);
  });

  it("cosineAlphaBar is the schedule's ᾱ_t wherever β is not capped, and ᾱ_T ≈ 2·10⁻⁹ once the last β is capped at 0.999", () => {
    const s = makeSchedule({ kind: 'cosine', T: 1000 });
    for (const t of [1, 2, 100, 500, 999]) expect(s.alphaBars[t - 1]! / cosineAlphaBar(t, 1000)).toBeCloseTo(1, 10);
    // Uncapped, ᾱ_T = 0; the cap leaves ᾱ_T = ᾱ_{T−1} · (1 − 0.999) with ᾱ_{T−1} = sin²(0.000992/1.008 · π/2)/f(0) ≈ 2.43e-6.
    expect(s.alphaBars[999]! / (cosineAlphaBar(999, 1000) * 0.001)).toBeCloseTo(1, 8);
    expect(s.alphaBars[999]).toBeGreaterThan(1e-9);
    expect(s.alphaBars[999]).toBeLessThan(3e-9);
  });

  it('SNR is 1 at ᾱ = 1/2, falls as ᾱ falls, and spans 9999 to ≈ 4·10⁻⁵ on the linear schedule', () => {
    expect(signalToNoise(0.5)).toBe(1);
    expect(signalToNoise(0.2)).toBeCloseTo(0.25, 14);
    const s = makeSchedule({ kind: 'linear', T: 1000 });
    expect(s.snr[0]).toBeCloseTo(0.9999 / 0.0001, 6);
    expect(s.snr[999]! / 4.0358e-5).toBeCloseTo(1, 3);
    for (let i = 1; i < 1000; i++) expect(s.snr[i]!).toBeLessThan(s.snr[i - 1]!);
  });
});
