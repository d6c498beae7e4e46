/**
 * The cascade's decisions as pure functions over signal values (SPEC §7, §8.2): the engine's evaluations and the
 * VS Code tuning view both call these, so a rule lives in one place.
 * The combined score and its weights are the signals' (signals/weights.ts); this module decides with them.
 */
import type { ScoreViews } from '../signals/weights.ts';
import type { SeedExit } from './types.ts';

/** Absorbs rounding between the interval bounds and the exact weighted sum (SPEC §7.4). */
export const EPSILON = 1e-9;

/** The number of cuts c with score ≥ c. */
export function bandOf(score: number, cuts: readonly number[]): number {
  let band = 0;
  for (const c of cuts) if (score >= c) band++;
  return band;
}

export interface ScoreInterval {
  lower: number;
  upper: number;
}

/**
 * Where S can still lie once the signals at positions < `known` have run (SPEC §7.4): in each view, unknown signals
 * count 0 for the lower end and their upper bound for the upper end; S's interval is the view-wise maximum of both.
 */
export function scoreInterval(views: ScoreViews, values: readonly number[], bounds: readonly number[], known: number): ScoreInterval {
  let lower = -Infinity;
  let upper = -Infinity;
  for (const weights of views) {
    let low = 0;
    for (let i = 0; i < known; i++) low += weights[i]! * values[i]!;
    let high = low;
    for (let i = known; i < weights.length; i++) high += weights[i]! * bounds[i]!;
    lower = Math.max(lower, low);
    upper = Math.max(upper, high);
  }
  return { lower, upper };
}

/** Σ boundᵢ in the best view: a sound upper bound of S before any signal runs. */
export function upperBoundOf(views: ScoreViews, bounds: readonly number[]): number {
  return scoreInterval(views, bounds, bounds, 0).upper;
}

/**
 * The lossless rule (SPEC §7.4): the band, once no cut lies inside its interval (for every cut, upper < c − ε or
 * lower ≥ c + ε); null while undecided. `intervals[k]` is the interval of the score cut k is decided on (cuts may be
 * decided on different score views). With `exactUnlessRejected` only a rejection is final (reference matching needs
 * the winner's exact score).
 */
export function losslessBand(intervals: readonly ScoreInterval[], cuts: readonly number[], exactUnlessRejected = false): number | null {
  let band = 0;
  for (let k = 0; k < cuts.length; k++) {
    const c = cuts[k]!;
    const { lower, upper } = intervals[k]!;
    if (lower >= c + EPSILON) band++;
    else if (!(upper < c - EPSILON)) return null;
  }
  if (band > 0 && exactUnlessRejected) return null;
  return band;
}

/** Keeps a value just under a rejection cutoff clear of rounding in the interval sums. */
const CUTOFF_MARGIN = 1e-9;

/**
 * The least value of the signal at position `index`, the next to run, below which the pair is rejected whatever the
 * value is exactly (SPEC §7.4: upper < c − ε for every cut), so the signal may stop early under it (its `cutoff`);
 * 0 when no value of it rejects.
 */
export function rejectionCutoff(cutViews: readonly ScoreViews[], values: readonly number[], bounds: readonly number[], index: number, cuts: readonly number[]): number {
  let cutoff = Infinity;
  for (let k = 0; k < cuts.length; k++) {
    for (const weights of cutViews[k]!) {
      let others = 0;
      for (let i = 0; i < weights.length; i++) if (i !== index) others += weights[i]! * (i < index ? values[i]! : bounds[i]!);
      const room = cuts[k]! - EPSILON - others;
      const weight = weights[index]!;
      if (weight > 0) cutoff = Math.min(cutoff, room / weight - CUTOFF_MARGIN);
      else if (room <= 0) return 0;
    }
  }
  return cutoff === Infinity ? 0 : Math.max(0, cutoff);
}

/** The number of cuts passed when cut k is decided on `scores[k]`. */
export function bandOfScores(scores: readonly number[], cuts: readonly number[]): number {
  let band = 0;
  for (let k = 0; k < cuts.length; k++) if (scores[k]! >= cuts[k]!) band++;
  return band;
}

/** How many signals, in order, lossless runs before its band is decided; all of them when only the exact score decides. */
export function losslessEvaluations(cutViews: readonly ScoreViews[], values: readonly number[], bounds: readonly number[], cuts: readonly number[]): number {
  for (let known = 0; known < values.length; known++) {
    const intervals = cutViews.map((views) => scoreInterval(views, values, bounds, known));
    if (losslessBand(intervals, cuts) !== null) return known;
  }
  return values.length;
}

/**
 * The least fuzzy value with which a cut can still be reached in some view, every other signal at its best (1) — the
 * SPEC §8.3 rule f_min = (c − (1 − w_f)) / w_f, taken over the views. A view without fuzzy proves nothing (0).
 */
export function leastFuzzyReaching(cut: number, views: ScoreViews, fuzzyIndex: number): number {
  let least = Infinity;
  for (const weights of views) {
    const w = fuzzyIndex >= 0 ? weights[fuzzyIndex]! : 0;
    least = Math.min(least, w > 0 ? (cut - (1 - w)) / w : 0);
  }
  return least;
}

/** The two-stage rule of SPEC §8.2 over stage-1 cuts [gate, t]: band 2 accepts, band 0 rejects, band 1 asks stage 2. */
export function stageOneVerdict(band: number): 'accept' | 'reject' | 'stage2' {
  return band >= 2 ? 'accept' : band === 0 ? 'reject' : 'stage2';
}

export interface SeedThresholds {
  exitLow: number;
  exitHigh: number;
  partialAccept: number;
  partialReject: number;
}

/** Seed step 1 (SPEC §7.3): right after fuzzy, a low or a high fuzzy value decides alone. */
export function seedAfterFuzzy(fuzzy: number, seed: SeedThresholds): SeedExit | null {
  if (fuzzy < seed.exitLow) return 'exit.low';
  if (fuzzy >= seed.exitHigh) return 'exit.high';
  return null;
}

/**
 * Seed step 2, when signals remain after stemmed: the partial score P = (w_f·f + w_s·s) / (w_f + w_s) accepts, or the
 * best possible score M = w_f·f + w_s·s + (1 − w_f − w_s) rejects. The score is P either way.
 */
export function seedAfterStemmed(fuzzy: number, stemmed: number, wFuzzy: number, wStemmed: number, seed: SeedThresholds): { exit: SeedExit; score: number } | null {
  const known = wFuzzy * fuzzy + wStemmed * stemmed;
  const partial = known / (wFuzzy + wStemmed);
  if (partial >= seed.partialAccept) return { exit: 'cascade.high', score: partial };
  if (known + (1 - wFuzzy - wStemmed) < seed.partialReject) return { exit: 'cascade.bound', score: partial };
  return null;
}

/** Seed step 3: the weighted mean of the evaluated signals, their weights renormalised. */
export function seedMean(weights: readonly number[], values: readonly (number | undefined)[]): number {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < weights.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    sum += weights[i]! * value;
    weight += weights[i]!;
  }
  return weight > 0 ? sum / weight : 0;
}
