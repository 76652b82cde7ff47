import { EngineInputError } from './inputError';

/** P(A | B) = P(B | A) P(A) / (P(B | A) P(A) + P(B | ¬A) P(¬A)), Bayes' rule (eq. 2.6) for a yes/no hypothesis. */
export function bayesPosterior(prior: number, likelihood: number, likelihoodIfNot: number): number {
  const evidence = likelihood * prior + likelihoodIfNot * (1 - prior);
  return evidence > 0 ? (likelihood * prior) / evidence : 0;
}

/**
 * The all-Gaussian case of Bayes' rule (eq. 2.7): prior x ~ N(0, τ²), observation y | x ~ N(x, s²).
 * The posterior is N(τ²/(τ² + s²) · y, (1/τ² + 1/s²)⁻¹): precisions add, and the mean shrinks y
 * towards the prior mean 0 by the share of the variance that the prior holds.
 */
export function gaussianPosterior(y: number, priorVariance: number, noiseVariance: number): { mean: number; variance: number } {
  if (!(priorVariance > 0 && Number.isFinite(priorVariance))) throw new EngineInputError('priorVariance', 'a positive number', priorVariance);
  if (!(noiseVariance > 0 && Number.isFinite(noiseVariance))) throw new EngineInputError('noiseVariance', 'a positive number', noiseVariance);
  return { mean: (priorVariance / (priorVariance + noiseVariance)) * y, variance: 1 / (1 / priorVariance + 1 / noiseVariance) };
}
