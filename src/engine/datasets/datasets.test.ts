import { describe, it, expect } from 'vitest';
import {
  DATASET_NAMES,
  checkerboard,
  eightGaussians,
  fromUserPoints,
  makeDataset,
  rings,
  spiral,
  standardizeGlobal,
  standardizePerAxis,
  swissRoll,
  twoMoons,
  unstandardize,
  type DatasetName,
  type StandardizedPointSet,
} from './index';
import { expectInputError } from '../expectInputError';


/** Population mean and variance of each axis, in float64. */
function axisStats(points: ArrayLike<number>, n: number, dim: number): { mean: number[]; variance: number[] } {
  const mean = new Array<number>(dim).fill(0);
  const variance = new Array<number>(dim).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k]! += points[i * dim + k]! / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) variance[k]! += (points[i * dim + k]! - mean[k]!) ** 2 / n;
  return { mean, variance };
}

/** Raw 2D points x = z·std + mean, computed here rather than with the module's unstandardize. */
function rawXY(set: StandardizedPointSet): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < set.n; i++) {
    out.push([set.points[2 * i]! * set.std[0]! + set.mean[0]!, set.points[2 * i + 1]! * set.std[1]! + set.mean[1]!]);
  }
  return out;
}

/** Element-wise equality (vitest's deep equality is slow on large typed arrays). */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Angle in [0, 2π). */
const angleOf = (x: number, y: number): number => (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI);

const N = 4000;
// Binomial proportion over N points: sd ≤ √(0.25 / N) ≈ 0.0079, so 0.04 is a 5σ band.
const PROPORTION_TOL = 5 * Math.sqrt(0.25 / N);

describe('standardisation helpers', () => {
  it('per axis: hand example (0,0),(2,4) has mean (1,2), population std (1,2)', () => {
    const s = standardizePerAxis([0, 0, 2, 4], 2, 2);
    expect(Array.from(s.mean)).toEqual([1, 2]);
    expect(Array.from(s.std)).toEqual([1, 2]);
    expect(Array.from(s.points)).toEqual([-1, -1, 1, 1]);
  });
  it('per axis: a constant axis keeps std 1 and maps to 0', () => {
    const s = standardizePerAxis([0, 5, 2, 5], 2, 2);
    expect(s.std[1]).toBe(1);
    expect(s.points[1]).toBe(0);
    expect(s.points[3]).toBe(0);
  });
  it('global: [0, 2, 4, 6] has mean 3 and variance (9+1+1+9)/4 = 5', () => {
    const s = standardizeGlobal([0, 2, 4, 6], 2, 2);
    expect(s.mean[0]).toBe(3);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(5), 12);
    expect(s.points[0]).toBeCloseTo(-3 / Math.sqrt(5), 6);
    expect(s.points[3]).toBeCloseTo(3 / Math.sqrt(5), 6);
  });
  it('rejects a length that is not n · dim', () => {
    expectInputError(() => standardizePerAxis([1, 2, 3], 2, 2), 'points');
  });
  it('unstandardize inverts both forms', () => {
    // Standardised values are stored as float32, so the round trip is exact to ~1e-7 · scale.
    const per = standardizePerAxis([0, 0, 2, 4, 7, -1], 3, 2);
    Array.from(unstandardize(per.points, per.mean, per.std)).forEach((v, i) => expect(v).toBeCloseTo([0, 0, 2, 4, 7, -1][i]!, 5));
    const glob = standardizeGlobal([0, 2, 4, 6], 2, 2);
    Array.from(unstandardize(glob.points, glob.mean, glob.std)).forEach((v, i) => expect(v).toBeCloseTo(2 * i, 5));
  });
});

describe('toy 2D datasets: common properties', () => {
  for (const name of DATASET_NAMES) {
    describe(name, () => {
      const set = makeDataset(name, N, 7);
      it('has shape n × 2 and only finite values', () => {
        expect(set.n).toBe(N);
        expect(set.dim).toBe(2);
        expect(set.points).toBeInstanceOf(Float32Array);
        expect(set.points.length).toBe(2 * N);
        expect(set.points.every(Number.isFinite)).toBe(true);
      });
      it('has per-axis mean 0 and variance 1', () => {
        // Standardised with the sample's own population mean/std, so these hold exactly up to
        // float32 storage: each value is rounded by ≤ 2⁻²⁴·|z| ≈ 6e-8·|z| with |z| ≲ 6.
        const { mean, variance } = axisStats(set.points, set.n, 2);
        for (let k = 0; k < 2; k++) {
          expect(Math.abs(mean[k]!)).toBeLessThan(1e-6);
          expect(Math.abs(variance[k]! - 1)).toBeLessThan(1e-5);
        }
      });
      it('is reproducible from its seed and changes with it', () => {
        expect(sameValues(makeDataset(name, N, 7).points, set.points)).toBe(true);
        expect(sameValues(makeDataset(name, N, 8).points, set.points)).toBe(false);
      });
    });
  }
});

describe('toy 2D datasets: raw moments from the geometry', () => {
  // Relative tolerance on the raw std: sd(sample std)/σ ≈ √((κ − 1)/(4N)) ≤ 0.011 for kurtosis
  // κ ≤ 3 (all of these have κ < 2), so 5% is over 4σ. Means: 5σ/√N bands.
  const cases: Array<[DatasetName, [number, number], [number, number]]> = [
    // centres 2(cos, sin)(kπ/4): E x² = 4·½, plus 0.1² noise.
    ['eightGaussians', [0, 0], [Math.sqrt(2.01), Math.sqrt(2.01)]],
    // uniform marginals on [−4, 4): std 8/√12.
    ['checkerboard', [0, 0], [8 / Math.sqrt(12), 8 / Math.sqrt(12)]],
    // P(r) ∝ r: E r² = (1·1 + 2·4 + 3·9)/6 = 6, plus 0.05²; each axis gets half.
    ['rings', [0, 0], [Math.sqrt(6.0025 / 2), Math.sqrt(6.0025 / 2)]],
    // E x = ½(0 + 1), E y = ½(2/π + ½ − 2/π); Var x = 1 − ¼ + 0.08², Var y = 0.625 − 1/π − 1/16 + 0.08².
    ['twoMoons', [0.5, 0.25], [Math.sqrt(0.75 + 0.0064), Math.sqrt(0.625 - 1 / Math.PI - 0.0625 + 0.0064)]],
  ];
  for (const [name, mean, std] of cases) {
    it(`${name}: raw mean ${mean.map((v) => v.toFixed(3))} and std ${std.map((v) => v.toFixed(3))}`, () => {
      const set = makeDataset(name, N, 11);
      for (let k = 0; k < 2; k++) {
        expect(Math.abs(set.mean[k]! - mean[k]!)).toBeLessThan((5 * std[k]!) / Math.sqrt(N));
        expect(Math.abs(set.std[k]! / std[k]! - 1)).toBeLessThan(0.05);
      }
    });
  }
});

describe('toy 2D datasets: shape', () => {
  it('eightGaussians: radius ≈ 2 and angles cluster at multiples of 45°, 1/8 of the points each', () => {
    const counts = new Array<number>(8).fill(0);
    let bad = 0;
    for (const [x, y] of rawXY(eightGaussians(N, 3))) {
      // noise sd 0.1: radius within 5σ of 2; angular sd ≈ 0.1/2 rad ≈ 2.9°, so 15° is > 5σ.
      const a = angleOf(x, y) / (Math.PI / 4);
      const k = Math.round(a);
      if (Math.abs(Math.hypot(x, y) - 2) >= 0.5 || Math.abs(a - k) * 45 >= 15) bad++;
      counts[k % 8]!++;
    }
    expect(bad).toBe(0);
    for (const c of counts) expect(Math.abs(c / N - 1 / 8)).toBeLessThan(PROPORTION_TOL);
  });

  it('rings: radii cluster at 1, 2, 3 with shares 1/6, 1/3, 1/2 and uniform angles', () => {
    const counts = [0, 0, 0];
    const quadrants = [0, 0, 0, 0];
    let bad = 0;
    for (const [x, y] of rawXY(rings(N, 3))) {
      const r = Math.hypot(x, y);
      const ring = Math.round(r);
      // radial noise sd 0.05: 0.25 is 5σ
      if (ring < 1 || ring > 3 || Math.abs(r - ring) >= 0.25) bad++;
      else counts[ring - 1]!++;
      quadrants[Math.floor(angleOf(x, y) / (Math.PI / 2)) % 4]!++;
    }
    expect(bad).toBe(0);
    [1 / 6, 1 / 3, 1 / 2].forEach((p, i) => expect(Math.abs(counts[i]! / N - p)).toBeLessThan(PROPORTION_TOL));
    for (const q of quadrants) expect(Math.abs(q / N - 1 / 4)).toBeLessThan(PROPORTION_TOL);
  });

  it('twoMoons: every point lies near one of the two moon arcs, half on each', () => {
    // Distance to the arc of the unit circle centred at (cx, cy) on the side sign·(y − cy) ≥ 0.
    const arcDistance = (x: number, y: number, cx: number, cy: number, sign: number): number =>
      sign * (y - cy) >= 0
        ? Math.abs(Math.hypot(x - cx, y - cy) - 1)
        : Math.min(Math.hypot(x - cx - 1, y - cy), Math.hypot(x - cx + 1, y - cy));
    let upper = 0;
    let bad = 0;
    for (const [x, y] of rawXY(twoMoons(N, 3))) {
      const dUpper = arcDistance(x, y, 0, 0, 1); // (cos t, sin t)
      const dLower = arcDistance(x, y, 1, 0.5, -1); // (1 − cos t, 0.5 − sin t)
      // noise sd 0.08 per axis: the distance to the curve exceeds 0.4 (5σ) with probability ≲ 4e-6.
      if (Math.min(dUpper, dLower) >= 0.4) bad++;
      if (dUpper < dLower) upper++;
    }
    expect(bad).toBe(0);
    expect(Math.abs(upper / N - 0.5)).toBeLessThan(PROPORTION_TOL);
  });

  it('checkerboard: points fill the 8 even squares of the side-2 grid on [−4, 4)², equally', () => {
    const counts = new Map<string, number>();
    let bad = 0;
    // A point within float32 round-off of a grid line may land on either side of it.
    const nearLine = (v: number): boolean => Math.abs(v / 2 - Math.round(v / 2)) < 1e-5;
    for (const [x, y] of rawXY(checkerboard(N, 3))) {
      if (Math.abs(x) > 4 + 1e-5 || Math.abs(y) > 4 + 1e-5) bad++;
      const i = Math.floor(x / 2);
      const j = Math.floor(y / 2);
      if (!nearLine(x) && !nearLine(y) && (((i + j) % 2) + 2) % 2 !== 0) bad++;
      counts.set(`${i},${j}`, (counts.get(`${i},${j}`) ?? 0) + 1);
    }
    expect(bad).toBe(0);
    const even = [...counts.entries()].filter(([key]) => {
      const [i, j] = key.split(',').map(Number);
      return (((i! + j!) % 2) + 2) % 2 === 0;
    });
    expect(even.length).toBe(8);
    for (const [, c] of even) expect(Math.abs(c / N - 1 / 8)).toBeLessThan(PROPORTION_TOL);
  });

  it('spiral: r − φ/π is an integer (even on one arm, odd on the other), half the points each', () => {
    // Arm 0 at angle θ has r = θ/π, so r − φ/π = 2j; arm 1 is rotated by π, giving odd integers.
    let odd = 0;
    let bad = 0;
    for (const [x, y] of rawXY(spiral(N, 3))) {
      const r = Math.hypot(x, y);
      if (r >= 3.5) bad++;
      if (r < 1) continue; // near the centre the noise (sd 0.07) swamps the angle
      const v = r - angleOf(x, y) / Math.PI;
      // sd of v ≈ 0.07·√(1 + 1/π²) ≈ 0.074 for r ≥ 1, so 0.35 is ≈ 4.7σ.
      if (Math.abs(v - Math.round(v)) >= 0.35) bad++;
      if (Math.abs(Math.round(v)) % 2 === 1) odd++;
    }
    expect(bad).toBe(0);
    // Points with r ≥ 1 are 1 − P(θ < π) = 1 − 1/9 of all, split evenly between the arms.
    expect(Math.abs(odd / N - (8 / 9) / 2)).toBeLessThan(PROPORTION_TOL);
  });

  it('swissRoll: r − φ is a multiple of 2π, with turn counts 0, 1, 2 in shares 1/6, 2/3, 1/6', () => {
    // x = t(cos t, sin t), t ~ U(1.5π, 4.5π): r = t, φ = t mod 2π, so (r − φ)/2π = ⌊t/2π⌋.
    const turns = [0, 0, 0];
    let bad = 0;
    for (const [x, y] of rawXY(swissRoll(N, 3))) {
      const v = (Math.hypot(x, y) - angleOf(x, y)) / (2 * Math.PI);
      const k = Math.round(v);
      // noise sd 0.3 (radial) and 0.3/r ≤ 0.07 rad (angular): 1.5 is ≈ 4.9σ in units of r.
      if (Math.abs(v - k) * 2 * Math.PI >= 1.5 || k < 0 || k > 2) bad++;
      else turns[k]!++;
    }
    expect(bad).toBe(0);
    [1 / 6, 2 / 3, 1 / 6].forEach((p, i) => expect(Math.abs(turns[i]! / N - p)).toBeLessThan(PROPORTION_TOL));
  });
});

describe('toy 2D datasets: bad input', () => {
  it('names the parameter', () => {
    expectInputError(() => makeDataset('twoMoons', 1, 0), 'n');
    expectInputError(() => makeDataset('twoMoons', 2.5, 0), 'n');
    expectInputError(() => makeDataset('twoMoons', 100001, 0), 'n');
    expectInputError(() => makeDataset('nope' as DatasetName, 10, 0), 'dataset');
    expectInputError(() => makeDataset('rings', 10, Number.NaN), 'seed');
    expectInputError(() => makeDataset('rings', 10, Infinity), 'seed');
    expectInputError(() => spiral(1, 0), 'n');
  });
  it('accepts the edges n = 2 and n = 100000', () => {
    expect(makeDataset('checkerboard', 2, 0).n).toBe(2);
    expect(makeDataset('twoMoons', 100000, 0).points.length).toBe(200000);
  });
});

describe('fromUserPoints', () => {
  it('standardises [x, y] pairs per axis and keeps mean/std (hand example)', () => {
    // (0,0), (2,4): mean (1, 2), population std (1, 2), so z = ∓(1, 1).
    const set = fromUserPoints([
      [0, 0],
      [2, 4],
    ]);
    expect(set.n).toBe(2);
    expect(set.dim).toBe(2);
    expect(Array.from(set.points)).toEqual([-1, -1, 1, 1]);
    expect(Array.from(set.mean)).toEqual([1, 2]);
    expect(Array.from(set.std)).toEqual([1, 2]);
    expect(Array.from(unstandardize(set.points, set.mean, set.std))).toEqual([0, 0, 2, 4]);
  });
  it('accepts flat arrays, including other dims', () => {
    expect(Array.from(fromUserPoints(new Float32Array([0, 0, 2, 4])).points)).toEqual([-1, -1, 1, 1]);
    // dim 3: (1,1,1), (3,1,5): axis 1 is constant, so its std is taken as 1.
    const s = fromUserPoints([1, 1, 1, 3, 1, 5], 3);
    expect(s.n).toBe(2);
    expect(Array.from(s.std)).toEqual([1, 1, 2]);
  });
  it('rejects bad input with param "points" (or "dim")', () => {
    expect(expectInputError(() => fromUserPoints([[0, 0]]), 'points').allowed).toBe('at least 2 points');
    expect(expectInputError(() => fromUserPoints([0, 0]), 'points').allowed).toBe('at least 2 points');
    expect(expectInputError(() => fromUserPoints([]), 'points').allowed).toBe('at least 2 points');
    const nan = expectInputError(() => fromUserPoints([[0, 0], [Number.NaN, 1]]), 'points');
    expect(nan.allowed).toBe('finite numbers');
    expect(nan.message).toContain('point 1');
    const inf = expectInputError(() => fromUserPoints([0, 0, 1, 2, 3, Infinity]), 'points');
    expect(inf.allowed).toBe('finite numbers');
    expect(inf.message).toContain('point 2, coordinate 1');
    expectInputError(() => fromUserPoints([0, 1, 2]), 'points');
    expectInputError(() => fromUserPoints([[0, 0], [1]] as unknown as Array<[number, number]>), 'points');
    expectInputError(() => fromUserPoints([0, 1, 2, 3], 0), 'dim');
  });
});
