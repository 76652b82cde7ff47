/** P(A | B) = P(B | A) P(A) / (P(B | A) P(A) + P(B | ¬A) P(¬A)), Bayes' rule for a yes/no hypothesis (eq. 1.4). */
export function bayesPosterior(prior: number, likelihood: number, likelihoodIfNot: number): number {
  const evidence = likelihood * prior + likelihoodIfNot * (1 - prior);
  return evidence > 0 ? (likelihood * prior) / evidence : 0;
}
