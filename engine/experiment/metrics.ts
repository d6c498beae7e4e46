/**
 * Partition metrics for the experiment harness (SPEC §13.2–13.3): how a variant's clusters differ from its
 * baseline's, and how either agrees with reference labels.
 *
 * A partition is given as one cluster id per row, in row order (`RowResult.clusterId`, or a label column).
 * Rows whose id is `NVT` (not clustered, SPEC §8) or empty count as their own one-row group: they are never
 * "together" with another row, so they add no pairs. Every pair count comes from a contingency table of the two
 * partitions (one pass over the rows), never from enumerating pairs.
 */

import { NVT } from '../cluster/types.ts';

export type Partition = readonly string[];

/** Ids that mean "this row is in no group" and therefore a singleton of its own. */
export function isUngrouped(id: string): boolean {
  return id === NVT || id.trim() === '';
}

/** Dense group numbers per row; each ungrouped row gets a fresh number. */
export function encodePartition(ids: Partition): Int32Array {
  const codes = new Int32Array(ids.length);
  const numbers = new Map<string, number>();
  let next = 0;
  ids.forEach((id, row) => {
    if (isUngrouped(id)) {
      codes[row] = next++;
      return;
    }
    let code = numbers.get(id);
    if (code === undefined) {
      code = next++;
      numbers.set(id, code);
    }
    codes[row] = code;
  });
  return codes;
}

/** n choose 2. */
function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function assertSameLength(a: Partition, b: Partition): void {
  if (a.length !== b.length) {
    throw new RangeError(`Partitions differ in length: ${a.length} and ${b.length} rows.`);
  }
}

/** Group sizes of one partition, of the other, and of their intersections. */
export interface Contingency {
  rows: number;
  sizesA: Map<number, number>;
  sizesB: Map<number, number>;
  /** key `${a} ${b}` → rows in group a of the first and group b of the second partition */
  cells: Map<string, number>;
  codesA: Int32Array;
  codesB: Int32Array;
}

export function contingency(a: Partition, b: Partition): Contingency {
  assertSameLength(a, b);
  const codesA = encodePartition(a);
  const codesB = encodePartition(b);
  const sizesA = new Map<number, number>();
  const sizesB = new Map<number, number>();
  const cells = new Map<string, number>();
  for (let row = 0; row < a.length; row++) {
    const ca = codesA[row]!;
    const cb = codesB[row]!;
    sizesA.set(ca, (sizesA.get(ca) ?? 0) + 1);
    sizesB.set(cb, (sizesB.get(cb) ?? 0) + 1);
    const key = `${ca} ${cb}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return { rows: a.length, sizesA, sizesB, cells, codesA, codesB };
}

/** Pairs of rows together in A, together in B, and together in both. */
export interface PairCounts {
  pairsA: number;
  pairsB: number;
  pairsBoth: number;
}

export function pairCounts(table: Contingency): PairCounts {
  const sum = (sizes: Iterable<number>) => {
    let total = 0;
    for (const n of sizes) total += pairs(n);
    return total;
  };
  return { pairsA: sum(table.sizesA.values()), pairsB: sum(table.sizesB.values()), pairsBoth: sum(table.cells.values()) };
}

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** pairs together in both partitions */
  truePositivePairs: number;
  /** pairs together in the predicted partition */
  predictedPairs: number;
  /** pairs together in the reference partition */
  referencePairs: number;
}

/**
 * Pairwise precision, recall and F1 of `predicted` against `reference`: a pair of rows is a positive when the
 * partition puts both rows in one group. Conventions for empty denominators: precision is 1 when `predicted` forms
 * no pair (it claims nothing wrong), recall is 1 when `reference` has no pair (nothing to find); F1 is 0 when
 * precision + recall is 0. So identical partitions always score 1, 1, 1.
 */
export function pairwiseScores(predicted: Partition, reference: Partition): PairwiseScores {
  const { pairsA, pairsB, pairsBoth } = pairCounts(contingency(predicted, reference));
  const precision = pairsA === 0 ? 1 : pairsBoth / pairsA;
  const recall = pairsB === 0 ? 1 : pairsBoth / pairsB;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositivePairs: pairsBoth, predictedPairs: pairsA, referencePairs: pairsB };
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): (index − expected) / (max − expected), with index = Σ C(n_ij, 2),
 * expected = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2) and max = (Σ C(a_i, 2) + Σ C(b_j, 2)) / 2. The denominator is 0
 * only when both partitions are all singletons or both one group (including fewer than two rows); they are then
 * identical and the index is 1.
 */
export function adjustedRandIndex(a: Partition, b: Partition): number {
  const table = contingency(a, b);
  const { pairsA, pairsB, pairsBoth } = pairCounts(table);
  const total = pairs(table.rows);
  const expected = total === 0 ? 0 : (pairsA * pairsB) / total;
  const max = (pairsA + pairsB) / 2;
  if (max === expected) return 1;
  return (pairsBoth - expected) / (max - expected);
}

/** Row pairs grouped together in exactly one of the two partitions (SPEC §13.2). */
export function pairsTogetherInExactlyOne(a: Partition, b: Partition): number {
  const { pairsA, pairsB, pairsBoth } = pairCounts(contingency(a, b));
  return pairsA + pairsB - 2 * pairsBoth;
}

/**
 * For every group of one partition, the group of the other partition that shares most of its rows; ties go to the
 * group met first in row order.
 */
function bestMatches(own: Int32Array, other: Int32Array, cells: Map<string, number>, ownFirst: boolean): Map<number, number> {
  const best = new Map<number, { match: number; overlap: number }>();
  for (let row = 0; row < own.length; row++) {
    const g = own[row]!;
    const h = other[row]!;
    const overlap = cells.get(ownFirst ? `${g} ${h}` : `${h} ${g}`)!;
    const current = best.get(g);
    if (current === undefined || overlap > current.overlap) best.set(g, { match: h, overlap });
  }
  return new Map([...best].map(([g, { match }]) => [g, match]));
}

/**
 * Rows (1-based numbers) whose cluster differs between a baseline and a variant partition. Cluster ids are not
 * comparable across runs, so groups are matched instead: a baseline group B and a variant group V are partners
 * when V is the variant group holding most of B's rows and B is the baseline group holding most of V's rows
 * (mutual majority; ties go to the group met first in row order). A row is unchanged when its baseline group and
 * its variant group are partners, and differs otherwise.
 *
 * The count is 0 exactly when the partitions are identical: if every row's two groups are partners, each variant
 * group lies inside one baseline group and vice versa, so the groups coincide. A merge of baseline groups counts
 * the rows of all but the merged group's partner; a split counts the rows outside the partner part.
 */
export function rowsWithDifferentCluster(baseline: Partition, variant: Partition): number[] {
  const { codesA, codesB, cells } = contingency(baseline, variant);
  const baselineToVariant = bestMatches(codesA, codesB, cells, true);
  const variantToBaseline = bestMatches(codesB, codesA, cells, false);
  const differing: number[] = [];
  for (let row = 0; row < codesA.length; row++) {
    const b = codesA[row]!;
    const v = codesB[row]!;
    if (baselineToVariant.get(b) !== v || variantToBaseline.get(v) !== b) differing.push(row + 1);
  }
  return differing;
}

/** Rows (1-based numbers) whose advice code differs between two runs of the same table. */
export function rowsWithDifferentAdvice(a: readonly string[], b: readonly string[]): number[] {
  assertSameLength(a, b);
  const differing: number[] = [];
  a.forEach((code, row) => {
    if (code !== b[row]) differing.push(row + 1);
  });
  return differing;
}

/** Everything the harness reports about a variant's clusters against its baseline's. */
export interface PartitionDifferences {
  rowsClusterDiffers: number;
  pairsTogetherInExactlyOne: number;
  adjustedRandIndex: number;
  /** the variant's pairs scored against the baseline's pairs */
  pairwise: PairwiseScores;
}

export function partitionDifferences(baseline: Partition, variant: Partition): PartitionDifferences {
  return {
    rowsClusterDiffers: rowsWithDifferentCluster(baseline, variant).length,
    pairsTogetherInExactlyOne: pairsTogetherInExactlyOne(baseline, variant),
    adjustedRandIndex: adjustedRandIndex(variant, baseline),
    pairwise: pairwiseScores(variant, baseline),
  };
}

/** Agreement of one run's clusters with the reference labels. */
export interface LabelAgreement extends PairwiseScores {
  adjustedRandIndex: number;
}

export function labelAgreement(predicted: Partition, labels: Partition): LabelAgreement {
  return { ...pairwiseScores(predicted, labels), adjustedRandIndex: adjustedRandIndex(predicted, labels) };
}

/** Median of a non-empty list (mean of the middle two for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Fewest values for which a 95% interval of the median exists: below 6, even [min, max] covers less than 95%. */
export const MIN_VALUES_FOR_INTERVAL = 6;

/**
 * A distribution-free 95% confidence interval of the median (order statistics: the k-th smallest and k-th largest
 * value, k the largest with P(Binomial(n, ½) < k) ≤ 2.5%); null for fewer than MIN_VALUES_FOR_INTERVAL values.
 * Timings are skewed (a busy machine only ever adds time), so no normal approximation is assumed.
 */
export function medianInterval(values: readonly number[]): { low: number; high: number } | null {
  const n = values.length;
  if (n < MIN_VALUES_FOR_INTERVAL) return null;
  const sorted = [...values].sort((x, y) => x - y);
  let k = 0;
  let below = 0; // P(X ≤ k - 1), X ~ Binomial(n, ½)
  let term = 0.5 ** n; // P(X = k)
  while (below + term <= 0.025) {
    below += term;
    term *= (n - k) / (k + 1);
    k++;
  }
  return { low: sorted[Math.max(0, k - 1)]!, high: sorted[n - Math.max(1, k)]! };
}

/** Median and spread of repeated measurements. `mad` is the median absolute deviation from the median. */
export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  mad: number;
}

export function spread(values: readonly number[]): Spread {
  const m = median(values);
  return {
    n: values.length,
    median: m,
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    mad: median(values.map((v) => Math.abs(v - m))),
  };
}

/** One 0.01-wide bin of a score histogram: scores in [bin, bin + 0.01); a score of 1 has its own bin 1.00. */
export interface ScoreBin {
  signal: string;
  bin: number;
  match: boolean;
  count: number;
}

/** Counts scored pairs into 0.01 bins per signal and match flag. */
export function scoreHistogram(scores: Iterable<{ signal: string; score: number; match: boolean }>): ScoreBin[] {
  const counts = new Map<string, ScoreBin>();
  for (const { signal, score, match } of scores) {
    const hundredths = Math.min(100, Math.max(0, Math.floor(score * 100 + 1e-9)));
    const key = `${signal}\u0000${hundredths}\u0000${match}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { signal, bin: hundredths / 100, match, count: 1 });
  }
  return [...counts.values()].sort((x, y) => x.signal.localeCompare(y.signal) || x.bin - y.bin || Number(x.match) - Number(y.match));
}

export interface ThresholdPoint {
  signal: string;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision and recall of "score ≥ threshold means same group" over the scored pairs of a histogram, for every
 * threshold 0.00 … 1.00 per signal. Precision is 1 where no pair reaches the threshold (see pairwiseScores).
 */
export function thresholdCurve(bins: readonly ScoreBin[]): ThresholdPoint[] {
  const points: ThresholdPoint[] = [];
  const signals = [...new Set(bins.map((b) => b.signal))];
  for (const signal of signals) {
    const matches = new Array<number>(101).fill(0);
    const others = new Array<number>(101).fill(0);
    for (const b of bins) {
      if (b.signal !== signal) continue;
      const i = Math.round(b.bin * 100);
      (b.match ? matches : others)[i]! += b.count;
    }
    const totalMatches = matches.reduce((s, n) => s + n, 0);
    let truePositives = 0;
    let falsePositives = 0;
    const reversed: ThresholdPoint[] = [];
    for (let i = 100; i >= 0; i--) {
      truePositives += matches[i]!;
      falsePositives += others[i]!;
      const predicted = truePositives + falsePositives;
      const precision = predicted === 0 ? 1 : truePositives / predicted;
      const recall = totalMatches === 0 ? 1 : truePositives / totalMatches;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      reversed.push({ signal, threshold: i / 100, precision, recall, f1 });
    }
    points.push(...reversed.reverse());
  }
  return points;
}
