/**
 * The two ends of the Fréchet scale (eq. 8.3) for a sample of n images, so a score can be read:
 *  - real: n real images (training images, spread evenly over the split) against the held-out ones.
 *    A perfect model's n samples score about this, not 0: each Gaussian is fitted to a finite sample.
 *  - noise: n images of N(0, I) clipped to the pixel range, what an untrained model draws.
 */
import { makeRng } from '../rng';
import { classifyImages } from './classifier';
import { fitGaussian, frechetDistance } from './frechet';
import type { Yardstick } from './sampleQuality';

export interface FrechetEnds {
  n: number;
  real: number;
  noise: number;
}

/** Both ends for n images (n ≥ 2, at most the training split's size); `seed` fixes the noise images. */
export function frechetEnds(y: Yardstick, n: number, seed = 1): FrechetEnds {
  const dim = y.train.dim;
  const rows = Math.min(n, y.train.n);
  const real = new Float32Array(rows * dim);
  for (let k = 0; k < rows; k++) {
    const row = Math.floor((k * y.train.n) / rows);
    real.set(y.train.points.subarray(row * dim, (row + 1) * dim), k * dim);
  }
  const noise = makeRng(seed).normals(n * dim).map((v) => Math.max(-1, Math.min(1, v)));
  const fid = (images: Float32Array): number => frechetDistance(fitGaussian(classifyImages(y.net, images).features, y.net.hidden), y.heldOutFeatures);
  return { n, real: fid(real), noise: fid(noise) };
}
