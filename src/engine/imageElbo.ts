/**
 * The −ELBO of images of grey levels, in bits per dimension (chapter 8, eq. 8.8): eq. 5.5 with
 * its decoder term L_0 taken from the discretised decoder of eq. 8.7 instead of the Gaussian
 * density of elbo.ts. Every term is then ≥ 0 (the KLs, and −log of a probability ≤ 1), so the total is an
 * upper bound on −ln P(k) of the discrete image itself, and eq. 8.5 turns it into bits/dim with no
 * bin-width term: the decoder has already integrated over each pixel's bin.
 *
 * The prior and step terms are elbo.ts's own, computed from the same draws: the network call at
 * t = 1 is intercepted to read μ_θ(x_1, 1), and only L_0 is swapped.
 */
import { bitsPerDim } from './bitsPerDim';
import { discretizedGaussianLogProbs } from './discreteDecoder';
import { elboTerms, type ElboOptions, type ElboTerms, type EpsFn } from './elbo';
import { isotropicLogPdf } from './gaussian';
import { EngineInputError } from './inputError';
import { DIGIT_MAX_LEVEL, levelsOnGrid } from './pixelScale';
import { reverseMeanFromEps } from './posterior';

export interface ImageElboOptions extends ElboOptions {
  /** Largest grey level (16 for the digits): x_0 must lie on the grid −1 + 2k/maxLevel (eq. 8.1). */
  maxLevel?: number;
}

export interface ImageElbo extends ElboTerms {
  /** −ELBO of each image in bits per dimension (eq. 8.5), an upper bound on its −log₂ P(k) / D. */
  bitsPerDim: Float64Array;
  /** The batch mean of `bitsPerDim`. */
  meanBitsPerDim: number;
}

/** −ELBO of eq. 8.8 (eq. 5.5 with the discretised decoder of eq. 8.7 as L_0), per image and in bits/dim (eq. 8.5). */
export async function imageElboTerms(options: ImageElboOptions): Promise<ImageElbo> {
  const { x0, dim, schedule, epsFn, maxLevel = DIGIT_MAX_LEVEL } = options;
  levelsOnGrid(x0, maxLevel); // throws before any work if an image is not on the level grid
  const n = x0.length / dim;
  const beta1 = schedule.betas[0]!;
  let swap: Float64Array | null = null; // per image: −ln P(k | μ) − (−ln N(x_0; μ, β_1 I))
  const intercept: EpsFn = async (xt, i) => {
    const eps = await epsFn(xt, i);
    if (i === 0) {
      const mean = reverseMeanFromEps(xt, eps, 0, schedule);
      const logP = discretizedGaussianLogProbs(x0, mean, dim, beta1, maxLevel);
      swap = new Float64Array(n);
      for (let p = 0; p < n; p++) {
        const continuous = -isotropicLogPdf(x0.subarray(p * dim, (p + 1) * dim), mean.subarray(p * dim, (p + 1) * dim), beta1);
        swap[p] = -logP[p]! - continuous;
      }
    }
    return eps;
  };
  const terms = await elboTerms({ ...options, epsFn: intercept });
  const delta: Float64Array | null = swap;
  if (delta === null) throw new EngineInputError('schedule', 'a schedule whose ELBO reaches t = 1', schedule.T);
  const perPoint = Float64Array.from(terms.perPoint, (v, p) => v + delta[p]!);
  let decoderShift = 0;
  for (let p = 0; p < n; p++) decoderShift += delta[p]! / n;
  const decoder = terms.decoder + decoderShift;
  const total = terms.total + decoderShift;
  const bits = Float64Array.from(perPoint, (v) => bitsPerDim(v, dim));
  return { ...terms, decoder, total, perPoint, bitsPerDim: bits, meanBitsPerDim: bitsPerDim(total, dim) };
}
