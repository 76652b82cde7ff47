/**
 * The numbered equations of the draft chapters (`\tag{N.M}` in content/drafts/NN-slug.md), in the
 * shape of EQUATIONS (equations.ts). A draft is not on the site yet: src/content/chapters.ts only
 * globs content/NN-slug.md, so content/drafts/ is never listed or built. When a draft goes live,
 * its file moves up to content/ and these rows move into EQUATIONS, where equations.test.ts checks
 * them against the page; draftEquations.test.ts checks them against the drafts until then.
 *
 * `pending`: an equation whose code is being built elsewhere; it must become `code` before the
 * chapter goes live.
 */
import { code, type EquationEntry } from './equations';

export interface PendingEquation {
  kind: 'pending';
  title: string;
  /** Who builds the code, and what it will be. */
  reason: string;
}

export type DraftEquationEntry = EquationEntry | PendingEquation;

export const DRAFT_EQUATIONS: Readonly<Record<string, DraftEquationEntry>> = {
  // Chapter 8: images (content/drafts/08-images.md)
  '8.1': code('grey levels scaled to [−1, 1]', 'pixelScale', 'levelsToUnit', ['unitToLevels', 'levelBinWidth']),
  '8.2': code('density of the pixel values of x_t', 'pixelHistogram', 'noisedPixelDensity'),
  '8.3': code('Fréchet distance between classifier features', 'images/frechet', 'frechetDistance', ['frechetOfFeatures']),
  '8.4': code('distance to the nearest training image', 'nearestImages', 'nearestImages'),
  '8.5': code('bits per dimension', 'bitsPerDim', 'bitsPerDim'),
  '8.6': code('a density of scaled data in discrete bits/dim', 'bitsPerDim', 'densityBitsPerDim'),
  '8.7': code('discretised Gaussian decoder', 'discreteDecoder', 'discretizedGaussianLogProb', ['discretizedGaussianLogProbs']),
  '8.8': code('−ELBO of a discrete image', 'imageElbo', 'imageElboTerms'),
};
