/**
 * Every numbered equation of the chapters (`\tag{N.M}` in content/*.md) and the engine function
 * that implements it. `module` is a path relative to src/engine without the extension; each such
 * module has a numerical test beside it (`<module>.test.ts`), and its source cites the equation
 * as "eq. N.M". equations.test.ts keeps this table, the chapters and the code in step.
 */

export interface ImplementedEquation {
  kind: 'code';
  /** A short name for the equation. */
  title: string;
  /** Path of the implementing module, relative to src/engine, without `.ts`. */
  module: string;
  /** The exported function (or class, or const) that implements it. */
  exportName: string;
  /** Other exports of the same module that implement parts of the same equation. */
  also?: readonly string[];
}

/** An equation that is notation or a definition and needs no code of its own. */
export interface DefinitionEquation {
  kind: 'definition';
  title: string;
  /** One line: why no function implements it. */
  reason: string;
}

export type EquationEntry = ImplementedEquation | DefinitionEquation;

/** An equation implemented by `exportName` of `module` (and `also`). */
export const code = (title: string, module: string, exportName: string, also?: readonly string[]): ImplementedEquation =>
  also ? { kind: 'code', title, module, exportName, also } : { kind: 'code', title, module, exportName };

export const EQUATIONS: Readonly<Record<string, EquationEntry>> = {
  // Chapter 2: prerequisites
  '2.1': code('Gaussian density', 'gaussian', 'gaussianPdf'),
  '2.2': code('isotropic Gaussian as a product over coordinates', 'gaussian', 'isotropicLogPdf'),
  '2.3': code('sum of independent Gaussians', 'gaussian', 'independentSumVariance'),
  '2.4': code('expectation as an integral', 'expectation', 'meanOfDensity'),
  '2.5': code('LOTUS', 'expectation', 'expectedValue'),
  '2.6': code("Bayes' rule", 'bayes', 'bayesPosterior'),
  '2.7': code('all-Gaussian posterior', 'bayes', 'gaussianPosterior'),
  '2.8': code('KL divergence as an integral', 'expectation', 'klByQuadrature'),
  '2.9': code('KL between two 1D Gaussians', 'gaussian', 'klGaussian'),

  // Chapter 3: the forward process
  '3.1': code('one forward step', 'forward', 'forwardStep'),
  '3.2': code('one forward step as a distribution', 'forward', 'forwardStepMoments'),
  '3.3': code('the forward Markov chain', 'pathDensity', 'forwardPathLogPdf'),
  '3.4': code('closed form q(x_t | x_0)', 'forward', 'qMoments'),
  '3.5': code('closed-form draw of x_t', 'forward', 'qSample'),
  '3.6': code('induction step: two noises merge', 'forward', 'mergedNoiseVariances'),
  '3.7': code('cosine schedule', 'schedule', 'cosineAlphaBar', ['makeSchedule']),
  '3.8': code('signal-to-noise ratio', 'schedule', 'signalToNoise'),
  '3.9': code('naive random walk and its variance', 'forward', 'naiveWalkVariance', ['naiveWalkStep']),
  '3.10': code('variance of the DDPM chain', 'forward', 'chainVariance'),

  // Chapter 4: the reverse process
  '4.1': code('reverse step by Bayes', 'posterior', 'posteriorLogPdfByBayes'),
  '4.2': code('posterior precision', 'posterior', 'posteriorPrecision'),
  '4.3': code('reverse posterior q(x_{t−1} | x_t, x_0)', 'posterior', 'posteriorLogPdf'),
  '4.4': code('posterior mean μ̃_t', 'posterior', 'posteriorMean'),
  '4.5': code('posterior variance σ̃²_t', 'posterior', 'posteriorVariance'),
  '4.6': code('x̂_0 from the predicted noise', 'posterior', 'predictX0FromEps'),
  '4.7': code('posterior mean written with ε', 'posterior', 'reverseMeanFromEps'),
  '4.8': code('learned reverse step p_θ(x_{t−1} | x_t)', 'ddpmStep', 'reverseStepLogPdf'),
  '4.9': code('learned mean μ_θ', 'posterior', 'reverseMeanFromEps'),

  // Chapter 5: training
  '5.1': code("the model's joint p_θ(x_{0:T})", 'pathDensity', 'modelPathLogPdf'),
  '5.2': code('log-likelihood as an integral over the path', 'affineLikelihood', 'affineModelLogLikelihood', ['affineModelMarginal']),
  '5.3': code('evidence lower bound', 'elbo', 'elboTerms'),
  '5.4': code('forward chain factored backwards', 'pathDensity', 'reversePathLogPdf'),
  '5.5': code('−ELBO as L_T + Σ L_{t−1} + L_0', 'elbo', 'elboTerms'),
  '5.6': code('the terms L_T, L_{t−1}, L_0', 'elbo', 'elboTerms'),
  '5.7': code('KL between isotropic Gaussians', 'gaussian', 'klIsotropic'),
  '5.8': code('L_{t−1} as a weighted noise error', 'stepLossWeight', 'stepLossWeight', ['stepLossConstant']),
  '5.9': code('simplified loss L_simple', 'tf/trainer', 'Trainer'),
  '5.10': code('energy distance', 'metrics', 'energyDistance'),

  // Chapter 6: sampling
  '6.1': code('ancestral sampling step', 'ddpmStep', 'ddpmStep'),
  '6.2': code('the two variance choices', 'ddpmStep', 'ddpmStepVariance'),
  '6.3': code('DDIM step', 'ddimStep', 'ddimStep'),
  '6.4': code('DDIM variance with η', 'ddimStep', 'ddimVariance'),

  // Chapter 7: beyond the basics
  '7.1': code('sine-wave signals', 'datasets/sineWaves', 'makeSineWaves'),
  '7.2': code('one-shot denoiser loss', 'tf/labModels', 'buildOneShotModel'),
  '7.3': code('best one-shot denoiser E[x_0 | x̃]', 'idealDenoiser', 'idealDenoiser'),
  '7.4': code('classifier-free guidance', 'guidance', 'guidedEps'),
  '7.5': code('denoising-error anomaly score', 'anomalyScore', 'denoisingScores'),
  // Chapter 8: images
  '8.1': code('grey levels scaled to [−1, 1]', 'pixelScale', 'levelsToUnit', ['unitToLevels', 'levelBinWidth']),
  '8.2': code('density of the pixel values of x_t', 'pixelHistogram', 'noisedPixelDensity'),
  '8.3': code('Fréchet distance between classifier features', 'images/frechet', 'frechetDistance', ['frechetOfFeatures']),
  '8.4': code('distance to the nearest training image', 'nearestImages', 'nearestImages'),
  '8.5': code('bits per dimension', 'bitsPerDim', 'bitsPerDim'),
  '8.6': code('a density of scaled data in discrete bits/dim', 'bitsPerDim', 'densityBitsPerDim'),
  '8.7': code('discretised Gaussian decoder', 'discreteDecoder', 'discretizedGaussianLogProb', ['discretizedGaussianLogProbs']),
  '8.8': code('−ELBO of a discrete image', 'imageElbo', 'imageElboTerms'),
  // Chapter 9: video, latent space and upsampling
  '9.1': code('a bouncing ball: the straight path folded by the walls', 'video/bouncingBall', 'reflectedPosition'),
  '9.2': code('frames drawn independently', 'video/independentFrames', 'independentFrames'),
  '9.3': code('frame change between neighbouring frames', 'video/temporalConsistency', 'clipFigures'),
  '9.4': code('autoencoder reconstruction error per pixel', 'latent/reconstruction', 'meanSquaredError'),
  '9.5': code('a latent sample un-standardised for decoding', 'latent/latentScale', 'fromStandardLatents', ['toStandardLatents']),
  '9.6': code('2×2 average pooling: the 4×4 condition', 'upsample/downsample', 'downsample'),
  '9.7': code('the loss with the condition y fed to the network', 'tf/trainer', 'Trainer'),
  '9.8': code('condition error and pixel spread', 'upsample/upsampleQuality', 'conditionError', ['conditionErrors', 'pixelSpread']),
};
