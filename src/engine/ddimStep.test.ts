import { describe, expect, it } from 'vitest';
import { alphaBarAt, ddimStep, ddimVariance } from './ddimStep';
import { ddpmStep } from './ddpmStep';
import { EngineInputError } from './inputError';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';
import { moments, seVariance } from './sampleStats';

const schedule = makeSchedule({ kind: 'linear', T: 1000 });

describe('DDIM (eq. 6.3, 6.4)', () => {
  it('variance (1−ᾱ_prev)/(1−ᾱ_t)·(1−ᾱ_t/ᾱ_prev) at (t = 420, prev = 400) = 0.14771951 (diffusers reference)', () => {
    expect(ddimVariance(420, 400, schedule)).toBeCloseTo(0.14771951, 8);
  });

  it('η = 1 with consecutive steps has exactly the DDPM posterior variance σ̃²_t', () => {
    for (const i of [1, 10, 487, 999]) expect(ddimVariance(i, i - 1, schedule)).toBeCloseTo(schedule.posteriorVariance[i]!, 12);
  });

  it('σ² = η² · (the η = 1 variance) (eq. 6.4), 0 at η = 0 and on the last jump to ᾱ_prev = 1', () => {
    const v1 = ddimVariance(420, 400, schedule);
    expect(ddimVariance(420, 400, schedule, 0.5)).toBeCloseTo(0.25 * v1, 15);
    expect(ddimVariance(420, 400, schedule, 0)).toBe(0);
    expect(ddimVariance(420, -1, schedule, 1)).toBe(0); // (1 − ᾱ_prev) = 0 when ᾱ_prev = 1
  });

  it('η = 0 is deterministic: the noise passed in changes nothing', () => {
    const rng = makeRng(5);
    const xt = rng.normals(16);
    const eps = rng.normals(16);
    const a = ddimStep({ xt, eps, i: 700, iPrev: 600, schedule, eta: 0, noise: rng.normals(16) });
    const b = ddimStep({ xt, eps, i: 700, iPrev: 600, schedule, eta: 0, noise: rng.normals(16) });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('η = 1, consecutive steps: the same draw as DDPM with σ² = σ̃²_t (same mean, same noise)', () => {
    const rng = makeRng(6);
    const xt = rng.normals(16);
    const eps = rng.normals(16);
    const noise = rng.normals(16);
    for (const i of [3, 250, 998]) {
      const ddim = ddimStep({ xt, eps, i, iPrev: i - 1, schedule, eta: 1, noise });
      const ddpm = ddpmStep({ xt, eps, i, schedule, variance: 'posterior', noise });
      for (let k = 0; k < 16; k++) expect(ddim[k]).toBeCloseTo(ddpm[k]!, 4);
    }
  });

  it('η = 1: the spread of x_prev over the noise equals ddimVariance', () => {
    const rng = makeRng(7);
    const n = 20000;
    const xt = new Float32Array(n).fill(0.3);
    const eps = new Float32Array(n).fill(-0.2);
    const out = ddimStep({ xt, eps, i: 420, iPrev: 400, schedule, eta: 1, noise: rng.normals(n) });
    const v = ddimVariance(420, 400, schedule);
    expect(Math.abs(moments(out).variance - v)).toBeLessThan(5 * seVariance(v, n));
  });

  it('the last step (to ᾱ = 1) returns x̂_0 exactly', () => {
    expect(alphaBarAt(-1, schedule)).toBe(1);
    const xt = Float32Array.of(0.7);
    const eps = Float32Array.of(0.1);
    const ab = schedule.alphaBars[20]!;
    const out = ddimStep({ xt, eps, i: 20, iPrev: -1, schedule, eta: 1, noise: Float32Array.of(5) });
    expect(out[0]).toBeCloseTo((0.7 - Math.sqrt(1 - ab) * 0.1) / Math.sqrt(ab), 5);
  });

  it('clipping x̂_0 to ±1 bounds the final sample', () => {
    const out = ddimStep({ xt: Float32Array.of(3), eps: Float32Array.of(-4), i: 10, iPrev: -1, schedule, eta: 0, noise: Float32Array.of(0), clipX0: 1 });
    expect(out[0]).toBeCloseTo(1, 6);
  });

  it('rejects η outside [0, 1]', () => {
    expect(() => ddimStep({ xt: Float32Array.of(0), eps: Float32Array.of(0), i: 1, iPrev: 0, schedule, eta: 2, noise: Float32Array.of(0) })).toThrow(EngineInputError);
  });
});
