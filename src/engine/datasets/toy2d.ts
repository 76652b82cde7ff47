/**
 * Seeded 2D toy distributions, the classic test beds for small diffusion models. Each generator
 * draws raw points from its geometry (documented per function, in raw units), then standardises
 * them per axis to mean 0 and variance 1; `mean` and `std` map back to the raw units.
 */
import { EngineInputError, requireInteger, requireOneOf } from '../inputError';
import { makeRng, type Rng } from '../rng';
import { standardizePerAxis, type StandardizedPointSet } from './pointSet';

export const DATASET_NAMES = ['twoMoons', 'swissRoll', 'eightGaussians', 'checkerboard', 'rings', 'spiral'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const MIN_POINTS = 2;
export const MAX_POINTS = 100000;

/** Throws an EngineInputError unless n is an allowed point count and seed is finite. */
export function validateCountAndSeed(n: number, seed: number): void {
  requireInteger('n', n, MIN_POINTS, MAX_POINTS);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new EngineInputError('seed', 'a finite number', seed);
}

/** Fills raw 2D points with `draw(rng, i)` (which returns [x, y]) and standardises them per axis. */
function generate(n: number, seed: number, draw: (rng: Rng, i: number) => readonly [number, number]): StandardizedPointSet {
  validateCountAndSeed(n, seed);
  const rng = makeRng(seed);
  const raw = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = draw(rng, i);
    raw[2 * i] = x;
    raw[2 * i + 1] = y;
  }
  const { points, mean, std } = standardizePerAxis(raw, n, 2);
  return { points, n, dim: 2, mean, std };
}

/** Swiss roll: t ~ U(1.5π, 4.5π), x = (t cos t, t sin t) + N(0, 0.3² I) (sklearn's make_swiss_roll, 2D). */
export function swissRoll(n: number, seed: number): StandardizedPointSet {
  return generate(n, seed, (rng) => {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    return [t * Math.cos(t) + 0.3 * rng.normal(), t * Math.sin(t) + 0.3 * rng.normal()];
  });
}

/**
 * Two moons (sklearn's make_moons with noise 0.08), with t ~ U(0, π): even i on the upper moon
 * (cos t, sin t), odd i on the lower moon (1 − cos t, 0.5 − sin t), plus N(0, 0.08² I).
 */
export function twoMoons(n: number, seed: number): StandardizedPointSet {
  return generate(n, seed, (rng, i) => {
    const t = Math.PI * rng.uniform();
    const x = i % 2 === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = i % 2 === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    return [x + 0.08 * rng.normal(), y + 0.08 * rng.normal()];
  });
}

/** Mixture of 8 equally weighted N(c_k, 0.1² I), centres c_k = 2 (cos(kπ/4), sin(kπ/4)), k = 0 … 7. */
export function eightGaussians(n: number, seed: number): StandardizedPointSet {
  return generate(n, seed, (rng) => {
    const angle = (rng.int(8) * Math.PI) / 4;
    return [2 * Math.cos(angle) + 0.1 * rng.normal(), 2 * Math.sin(angle) + 0.1 * rng.normal()];
  });
}

/**
 * FFJORD's checkerboard: uniform on the 8 of the 16 squares of side 2 tiling [−4, 4)² whose
 * indices ⌊x/2⌋ + ⌊y/2⌋ are even (Grathwohl et al. 2019, toy_data.py, same construction).
 */
export function checkerboard(n: number, seed: number): StandardizedPointSet {
  return generate(n, seed, (rng) => {
    const x1 = rng.uniform() * 4 - 2;
    const x2 = rng.uniform() - rng.int(2) * 2 + (((Math.floor(x1) % 2) + 2) % 2);
    return [2 * x1, 2 * x2];
  });
}

/** Ring radii in raw units. */
export const RING_RADII = [1, 2, 3] as const;

/**
 * Concentric rings of radii 1, 2, 3; a ring is picked with probability ∝ its radius (so points
 * are equally dense along every ring), the angle is U(0, 2π), and the radius gets N(0, 0.05²) noise.
 */
export function rings(n: number, seed: number): StandardizedPointSet {
  const total = RING_RADII.reduce((s, r) => s + r, 0);
  return generate(n, seed, (rng) => {
    let u = rng.uniform() * total;
    let radius: number = RING_RADII[2]; // fallback; u < total makes the loop pick one
    for (const r of RING_RADII) {
      if (u < r) {
        radius = r;
        break;
      }
      u -= r;
    }
    const angle = 2 * Math.PI * rng.uniform();
    const rr = radius + 0.05 * rng.normal();
    return [rr * Math.cos(angle), rr * Math.sin(angle)];
  });
}

/**
 * Two-arm Archimedean spiral, 1.5 turns: θ = 3π √u with u ~ U(0, 1) (so points are roughly evenly
 * spread along the arms), radius r = θ / π, arm a = i mod 2 rotated by aπ, plus N(0, 0.07² I).
 */
export function spiral(n: number, seed: number): StandardizedPointSet {
  return generate(n, seed, (rng, i) => {
    const theta = 3 * Math.PI * Math.sqrt(rng.uniform());
    const r = theta / Math.PI;
    const angle = theta + (i % 2) * Math.PI;
    return [r * Math.cos(angle) + 0.07 * rng.normal(), r * Math.sin(angle) + 0.07 * rng.normal()];
  });
}

const GENERATORS: Record<DatasetName, (n: number, seed: number) => StandardizedPointSet> = {
  twoMoons,
  swissRoll,
  eightGaussians,
  checkerboard,
  rings,
  spiral,
};

/** n points of the named toy distribution, standardised per axis (mean 0, variance 1). */
export function makeDataset(name: DatasetName, n: number, seed: number): StandardizedPointSet {
  requireOneOf('dataset', name, DATASET_NAMES);
  return GENERATORS[name](n, seed);
}
