/**
 * How good are generated images? Four numbers from a fixed classifier (classifier.ts: the digits'
 * or the shapes') and the training set, and the bar a model must clear (written for the digits; the
 * shapes are scored the same way with their own classifier, six classes):
 *  - confident share: the share of samples the classifier puts in one class with probability ≥ 0.8;
 *  - class spread: classes present among the confident samples, and the normalised entropy
 *    H(p̂)/log 10 of the predicted-class histogram (1 = all ten digits equally often);
 *  - Fréchet distance of the classifier's hidden features, samples vs held-out digits (FID for
 *    8×8 digits): the classifier alone is fooled (it is ≥ 0.8 sure of about a third of noise
 *    images); the feature statistics are not;
 *  - memorisation: each sample's nearest training image (L2) against the distance from held-out
 *    digits to their nearest training image, which is what "new but plausible" looks like.
 */
import type { LabelledImages } from '../datasets/digits';
import { EngineInputError } from '../inputError';
import { classifyImages, type Classified, type ImageClassifier } from './classifier';
import { fitGaussian, frechetDistance, type GaussianFit } from './frechet';

/** Probability at or above which a prediction counts as confident. */
export const CONFIDENT = 0.8;
/** The bar: samples' confident share ≥ this fraction of the held-out digits' share. */
export const CONFIDENT_RATIO_BAR = 0.8;
/** The bar for class-conditional samples: share classified as the digit asked for. */
export const ASKED_DIGIT_BAR = 0.9;

/** Everything the scores compare against: the classifier, the training images and the held-out ones. */
export interface Yardstick {
  net: ImageClassifier;
  train: LabelledImages;
  heldOut: LabelledImages;
  heldOutFeatures: GaussianFit;
  heldOutConfidentShare: number;
  /** Median distance from a held-out digit to its nearest training digit (pixels in [−1, 1]). */
  heldOutNearestMedian: number;
  /** The smallest such distance: a sample closer to a training digit than this is closer than any real new digit. */
  heldOutNearestMin: number;
}

export interface SampleScore {
  n: number;
  confidentShare: number;
  /** Count of each predicted class among the confident samples. */
  confidentHistogram: number[];
  classesPresent: number;
  /** H(p̂)/log(classes) of the predicted-class histogram over all samples. */
  normalisedEntropy: number;
  /** Fréchet distance of hidden features to the held-out digits'. */
  frechet: number;
  /** Median of each sample's distance to its nearest training image. */
  nearestMedian: number;
  /** nearestMedian / the held-out digits' nearest median: ≈ 1 for new digits, ≪ 1 for copies. */
  nearestRatio: number;
  /** Share of samples closer to a training image than the closest held-out digit ever is. */
  copiedShare: number;
  /** With asked-for labels: share of samples classified as the digit asked for (else NaN). */
  askedShare: number;
}

/** For each row of `x`, the index of and the L2 distance to its nearest row of `ref` (both rows of `dim`). */
export function nearestNeighbours(x: Float32Array, ref: Float32Array, dim: number): { index: Int32Array; distance: Float64Array } {
  const n = x.length / dim;
  const m = ref.length / dim;
  const index = new Int32Array(n);
  const distance = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let best = Infinity;
    let arg = -1;
    for (let k = 0; k < m; k++) {
      let d2 = 0;
      for (let j = 0; j < dim && d2 < best; j++) d2 += (x[r * dim + j]! - ref[k * dim + j]!) ** 2;
      if (d2 < best) [best, arg] = [d2, k];
    }
    index[r] = arg;
    distance[r] = Math.sqrt(best);
  }
  return { index, distance };
}

function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

function confidentShare(c: Classified): number {
  return c.confidence.reduce((a, p) => a + (p >= CONFIDENT ? 1 : 0), 0) / c.n;
}

/** Builds the yardstick once (classifies and fits the held-out images, measures their nearest training distances). */
export function makeYardstick(net: ImageClassifier, train: LabelledImages, heldOut: LabelledImages): Yardstick {
  for (const [name, set] of [['training', train], ['held-out', heldOut]] as const) {
    if (set.dim !== net.inputs || set.classes !== net.classes) throw new EngineInputError(`${name} images`, `${net.inputs} pixels and ${net.classes} classes, as the classifier`, `${set.dim} pixels, ${set.classes} classes`);
  }
  const c = classifyImages(net, heldOut.points);
  const nn = nearestNeighbours(heldOut.points, train.points, train.dim);
  return {
    net, train, heldOut,
    heldOutFeatures: fitGaussian(c.features, net.hidden),
    heldOutConfidentShare: confidentShare(c),
    heldOutNearestMedian: median(nn.distance),
    heldOutNearestMin: Math.min(...nn.distance),
  };
}

/** Scores n generated images (n × pixels, values in [−1, 1]); `asked` gives the class each was conditioned on. */
export function scoreSamples(y: Yardstick, samples: Float32Array, asked?: ArrayLike<number>): SampleScore {
  const classes = y.net.classes;
  const c = classifyImages(y.net, samples);
  if (c.n < 2) throw new EngineInputError('samples', 'at least 2 images', samples);
  if (asked && asked.length !== c.n) throw new EngineInputError('asked', `${c.n} labels (one per sample)`, asked);
  const histogram = new Array<number>(classes).fill(0);
  const confidentHistogram = new Array<number>(classes).fill(0);
  let askedRight = 0;
  for (let r = 0; r < c.n; r++) {
    histogram[c.predicted[r]!]! += 1;
    if (c.confidence[r]! >= CONFIDENT) confidentHistogram[c.predicted[r]!]! += 1;
    if (asked && c.predicted[r] === asked[r]) askedRight++;
  }
  const entropy = histogram.reduce((h, k) => (k > 0 ? h - (k / c.n) * Math.log(k / c.n) : h), 0);
  const nn = nearestNeighbours(samples, y.train.points, y.train.dim);
  const nearestMedian = median(nn.distance);
  return {
    n: c.n,
    confidentShare: confidentShare(c),
    confidentHistogram,
    classesPresent: confidentHistogram.filter((k) => k > 0).length,
    normalisedEntropy: entropy / Math.log(classes),
    frechet: frechetDistance(fitGaussian(c.features, y.net.hidden), y.heldOutFeatures),
    nearestMedian,
    nearestRatio: nearestMedian / y.heldOutNearestMedian,
    copiedShare: nn.distance.reduce((a, d) => a + (d < y.heldOutNearestMin ? 1 : 0), 0) / c.n,
    askedShare: asked ? askedRight / c.n : Number.NaN,
  };
}

/**
 * The bar: confident share ≥ 80% of the held-out images' share, every class (all ten digits, all
 * six shapes) among the confident samples, and, for class-conditional samples, ≥ 90% classified as
 * the class asked for.
 */
export function passesBar(score: SampleScore, y: Yardstick): boolean {
  const confident = score.confidentShare >= CONFIDENT_RATIO_BAR * y.heldOutConfidentShare;
  const allClasses = score.classesPresent === y.net.classes;
  const asked = Number.isNaN(score.askedShare) || score.askedShare >= ASKED_DIGIT_BAR;
  return confident && allClasses && asked;
}

/** The digit names of the same API (the digits are scored by the one yardstick). */
export type DigitYardstick = Yardstick;
export type DigitScore = SampleScore;
export const makeDigitYardstick = makeYardstick;
export const scoreDigits = scoreSamples;
export const passesDigitBar = passesBar;
