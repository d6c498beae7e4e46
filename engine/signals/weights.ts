/**
 * Weights and the combined score (SPEC §6.7). A pair's combined score is the largest of one or more weighted sums over
 * the same signal values (`ScoreViews`): the mode's weights, and in balanced and accurate mode also fast mode's weights
 * (the fast floor, docs/decisions.md), so adding signals to a mode never lowers a pair's score below what fuzzy and
 * stemmed give it. Sums run in signal order, the one canonical summation for every policy.
 */

/** Weights per signal position, each view renormalised to sum 1 over the signals it uses. */
export type ScoreViews = readonly (readonly number[])[];

/** Weights renormalised to sum 1; all zero stays all zero. */
export function normaliseWeights(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (total > 0 ? w / total : 0));
}

export function weightedSum(weights: readonly number[], values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * values[i]!;
  return sum;
}

/** S = max over the views of Σ wᵢ·sᵢ, every value known. */
export function combinedScore(views: ScoreViews, values: readonly number[]): number {
  let best = -Infinity;
  for (const weights of views) best = Math.max(best, weightedSum(weights, values));
  return best;
}

/** The mode's weights, plus fast mode's as a floor when it is on and differs. */
export function scoreViews(modeWeights: readonly number[], fastWeights: readonly number[], fastFloor: boolean): ScoreViews {
  const useFloor = fastFloor && fastWeights.some((w) => w > 0) && fastWeights.some((w, i) => w !== modeWeights[i]);
  return useFloor ? [modeWeights, fastWeights] : [modeWeights];
}
