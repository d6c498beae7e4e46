/**
 * The tuning view's recomputation: pure functions over the cached pair values, run in the webview on every slider
 * change. Every decision is the engine's own kernel (engine/cascade/decide.ts, engine/signals/weights.ts) applied to
 * the values the baseline computed: stage 1 on the simplified texts with cuts [normalisedGate, t] (the gate on the
 * fast-floored score, t on the mode's), the middle band goes to stage 2 on the clustering texts with cut
 * max(0.8, t − 0.05) on the fast-floored score (SPEC §8.2). Only the bookkeeping of costs and metrics lives here.
 */
import {
  bandOf,
  bandOfScores,
  losslessEvaluations as kernelLosslessEvaluations,
  seedAfterFuzzy,
  seedAfterStemmed,
  seedMean,
  stageOneVerdict,
} from '../../../engine/cascade/decide.ts';
import { clusterThreshold, normalisedThreshold, type Settings } from '../../../engine/config/settings.ts';
import { combinedScore, normaliseWeights, scoreViews, type ScoreViews } from '../../../engine/signals/weights.ts';
import type { TuningData, TuningPair, TuningParams } from './protocol.ts';

export { normaliseWeights };

export type Decision = 'accept' | 'reject';

export interface Thresholds {
  gate: number;
  t: number;
  stage2: number;
}

export function thresholdsOf(params: TuningParams, gate: number): Thresholds {
  const accuracy = { clusterAccuracy: params.clusterAccuracy } as Settings;
  return { gate, t: clusterThreshold(accuracy), stage2: normalisedThreshold(accuracy) };
}

/** The score views for the sliders' weights: the mode's, and fast mode's as the floor where the engine uses it. */
export interface Views {
  mode: ScoreViews;
  floor: ScoreViews;
}

export function viewsOf(data: Pick<TuningData, 'mode' | 'fastWeights' | 'fastFloor'>, params: TuningParams): Views {
  const mode = normaliseWeights(params.weights);
  // In fast mode the sliders are fast mode's weights, so the floor is the mode's own score.
  const fast = data.mode === 'fast' ? mode : normaliseWeights(data.fastWeights);
  return { mode: [mode], floor: scoreViews(mode, fast, data.fastFloor) };
}

/** Stage-1 cut views as the engine's clustering passes them: the gate on the floored score, t on the mode's. */
function stageOneViews(views: Views): ScoreViews[] {
  return [views.floor, views.mode];
}

export interface PairOutcome {
  score1: number;
  score2: number | null;
  decision: Decision;
}

/** The `full` policy's verdict for one pair. */
export function decidePair(pair: TuningPair, views: Views, th: Thresholds): PairOutcome {
  const scores1 = stageOneViews(views).map((v) => combinedScore(v, pair.stage1Values));
  const score1 = scores1[1]!;
  const verdict = stageOneVerdict(bandOfScores(scores1, [th.gate, th.t]));
  if (verdict !== 'stage2') return { score1, score2: null, decision: verdict };
  const score2 = combinedScore(views.floor, pair.stage2Values);
  return { score1, score2, decision: score2 >= th.stage2 ? 'accept' : 'reject' };
}

/** Signals the lossless policy evaluates for stage 1 or 2 before the bounds decide every cut (SPEC §7.4). */
export function losslessEvaluations(stage: 1 | 2, values: readonly number[], bounds: readonly number[], views: Views, cuts: readonly number[]): number {
  return kernelLosslessEvaluations(stage === 1 ? stageOneViews(views) : [views.floor], values, bounds, cuts);
}

export interface SeedOutcome {
  score: number;
  band: number;
  evaluated: boolean[];
}

/** The seed policy's lossy exits for one stage, in the engine's order: fuzzy, stemmed, then the rest. */
export function seedStage(data: Pick<TuningData, 'signals' | 'seed'>, values: readonly number[], weights: readonly number[], params: TuningParams, cuts: readonly number[]): SeedOutcome {
  const { signals, seed } = data;
  const thresholds = { exitLow: params.exitLow, exitHigh: params.exitHigh, partialAccept: seed.partialAccept, partialReject: seed.partialReject };
  const iFuzzy = signals.indexOf('fuzzy');
  const iStemmed = signals.indexOf('stemmed');
  const iEmbeddings = signals.indexOf('embeddings');
  const order = [iFuzzy, iStemmed, ...signals.map((_, i) => i).filter((i) => i !== iFuzzy && i !== iStemmed)].filter((i) => i >= 0);
  const evaluated = signals.map(() => false);
  const single = (score: number): SeedOutcome => ({ score, band: bandOf(score, cuts), evaluated });
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    if (index === iEmbeddings && iFuzzy >= 0 && seed.skipEmbeddingsAt !== null && values[iFuzzy]! >= seed.skipEmbeddingsAt) continue;
    evaluated[index] = true;
    if (index === iFuzzy) {
      if (seedAfterFuzzy(values[iFuzzy]!, thresholds) !== null) return single(values[iFuzzy]!);
    } else if (index === iStemmed && iFuzzy >= 0 && k + 1 < order.length) {
      const exit = seedAfterStemmed(values[iFuzzy]!, values[iStemmed]!, weights[iFuzzy]!, weights[iStemmed]!, thresholds);
      if (exit) return single(exit.score);
    }
  }
  return single(seedMean(weights, values.map((v, i) => (evaluated[i] ? v : undefined))));
}

export interface PolicyCost {
  /** Signal evaluations (weighted by pair count). */
  evaluations: number;
  /** Per signal, in TuningData.signals order. */
  perSignal: number[];
}

export interface Metrics {
  thresholds: Thresholds;
  weights: number[];
  outcomes: PairOutcome[];
  pairs: number; // weighted
  accepted: number;
  changedPairs: number; // vs baseline, weighted
  changedIndices: number[];
  rowsTouched: number;
  labels: PairwiseScores | null;
  baselineLabels: PairwiseScores | null;
  cost: { full: PolicyCost; lossless: PolicyCost; seed: PolicyCost };
  seedChangedPairs: number; // seed decisions differing from full at these settings
}

/** Each row's label from the picked column, or null when no column is picked (or it does not exist). */
export type RowLabels = readonly (string | null)[];

export function labelsOf(data: Pick<TuningData, 'columns' | 'cells'>, column: string | null): RowLabels | null {
  const index = column === null ? -1 : data.columns.indexOf(column);
  return index >= 0 ? data.cells[index]! : null;
}

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise precision, recall and F1 of the accepted pairs against the labels (pairs with an unlabelled row skipped). */
function pairwise(outcomes: readonly PairOutcome[], data: TuningData, labels: RowLabels | null): PairwiseScores | null {
  if (!labels) return null;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  data.pairs.forEach((pair, i) => {
    const la = labels[pair.a]!;
    const lb = labels[pair.b]!;
    if (la === null || lb === null) return;
    const same = la === lb;
    const accepted = outcomes[i]!.decision === 'accept';
    if (accepted && same) tp += pair.count;
    else if (accepted) fp += pair.count;
    else if (same) fn += pair.count;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface CurvePoint extends PairwiseScores {
  clusterAccuracy: number;
}

/**
 * Precision and recall at every cluster accuracy of the slider's range (the other sliders as they are): where the
 * current threshold sits on the trade-off. Null without labels.
 */
export function precisionRecallCurve(data: TuningData, params: TuningParams, labels: RowLabels | null, accuracies: readonly number[] = ACCURACY_RANGE): CurvePoint[] | null {
  if (!labels) return null;
  return accuracies.map((clusterAccuracy) => ({ clusterAccuracy, ...pairwise(decideAll(data, { ...params, clusterAccuracy }), data, labels)! }));
}

/** The cluster accuracy slider's range (the setting's minimum and maximum). */
export const ACCURACY_RANGE: readonly number[] = Array.from({ length: 21 }, (_, i) => 80 + i);

export function decideAll(data: TuningData, params: TuningParams): PairOutcome[] {
  const views = viewsOf(data, params);
  const th = thresholdsOf(params, data.normalisedGate);
  return data.pairs.map((p) => decidePair(p, views, th));
}

/**
 * Everything the view shows for one slider position; `baseline` is decideAll(data, data.baseline), computed once;
 * `labels` the picked label column's values (P/R/F1 only with them).
 */
export function computeMetrics(data: TuningData, params: TuningParams, baseline: readonly PairOutcome[], labels: RowLabels | null = null): Metrics {
  const views = viewsOf(data, params);
  const weights = views.mode[0]!;
  const th = thresholdsOf(params, data.normalisedGate);
  const n = data.signals.length;
  const full: PolicyCost = { evaluations: 0, perSignal: new Array(n).fill(0) };
  const lossless: PolicyCost = { evaluations: 0, perSignal: new Array(n).fill(0) };
  const seed: PolicyCost = { evaluations: 0, perSignal: new Array(n).fill(0) };
  const outcomes: PairOutcome[] = [];
  const changedIndices: number[] = [];
  const touched = new Set<number>();
  let pairs = 0;
  let accepted = 0;
  let changedPairs = 0;
  let seedChangedPairs = 0;
  const cuts1 = [th.gate, th.t];
  const cuts2 = [th.stage2];
  const addPrefix = (cost: PolicyCost, k: number, count: number) => {
    cost.evaluations += k * count;
    for (let i = 0; i < k; i++) cost.perSignal[i]! += count;
  };
  for (let idx = 0; idx < data.pairs.length; idx++) {
    const pair = data.pairs[idx]!;
    const c = pair.count;
    const outcome = decidePair(pair, views, th);
    outcomes.push(outcome);
    pairs += c;
    if (outcome.decision === 'accept') accepted += c;
    if (outcome.decision !== baseline[idx]!.decision) {
      changedPairs += c;
      changedIndices.push(idx);
      touched.add(pair.a);
    }
    const stage2 = outcome.score2 !== null;
    addPrefix(full, n, c);
    if (stage2) addPrefix(full, n, c);
    addPrefix(lossless, losslessEvaluations(1, pair.stage1Values, pair.stage1Bounds, views, cuts1), c);
    if (stage2) addPrefix(lossless, losslessEvaluations(2, pair.stage2Values, pair.stage2Bounds, views, cuts2), c);
    // Seed: its own stage-1 band decides whether (and how) stage 2 runs.
    const s1 = seedStage(data, pair.stage1Values, weights, params, cuts1);
    let seedDecision: Decision = s1.band === 2 ? 'accept' : 'reject';
    s1.evaluated.forEach((e, i) => e && ((seed.perSignal[i]! += c), (seed.evaluations += c)));
    if (s1.band === 1) {
      const s2 = seedStage(data, pair.stage2Values, weights, params, cuts2);
      s2.evaluated.forEach((e, i) => e && ((seed.perSignal[i]! += c), (seed.evaluations += c)));
      seedDecision = s2.band >= 1 ? 'accept' : 'reject';
    }
    if (seedDecision !== outcome.decision) seedChangedPairs += c;
  }
  return {
    thresholds: th,
    weights: [...weights],
    outcomes,
    pairs,
    accepted,
    changedPairs,
    changedIndices,
    rowsTouched: touched.size,
    labels: pairwise(outcomes, data, labels),
    baselineLabels: pairwise(baseline, data, labels),
    cost: { full, lossless, seed },
    seedChangedPairs,
  };
}

/** Share of the full policy's signal evaluations a policy skips, overall and for the signals after the first. */
export function skipShare(cost: PolicyCost, full: PolicyCost): { all: number; expensive: number } {
  const fullExpensive = full.perSignal.slice(1).reduce((a, b) => a + b, 0);
  const expensive = cost.perSignal.slice(1).reduce((a, b) => a + b, 0);
  return {
    all: full.evaluations > 0 ? 1 - cost.evaluations / full.evaluations : 0,
    expensive: fullExpensive > 0 ? 1 - expensive / fullExpensive : 0,
  };
}

export interface WaterfallStep {
  signal: string;
  start: number;
  end: number;
  contribution: number;
}

/** The "why" of one pair: each signal's weight × value stacked up to the stage-1 score. */
export function waterfall(data: TuningData, pair: TuningPair, params: TuningParams): WaterfallStep[] {
  const weights = normaliseWeights(params.weights);
  const steps: WaterfallStep[] = [];
  let at = 0;
  data.signals.forEach((signal, i) => {
    const contribution = weights[i]! * pair.stage1Values[i]!;
    steps.push({ signal, start: at, end: at + contribution, contribution });
    at += contribution;
  });
  return steps;
}

export interface HistogramBin {
  chart: string; // 'combined' | signal id
  bin: number; // lower edge
  split: string;
  count: number;
}

/** Histograms of the combined stage-1 score and of each signal, split by decision or (with labels) by label. */
export function histograms(data: TuningData, metrics: Metrics, labels: RowLabels | null = null, bins = 40): HistogramBin[] {
  const counts = new Map<string, number>();
  const add = (chart: string, value: number, split: string, count: number) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(value * bins)));
    const key = `${chart}\u0000${b}\u0000${split}`;
    counts.set(key, (counts.get(key) ?? 0) + count);
  };
  data.pairs.forEach((pair, i) => {
    const split = splitOf(pair, metrics.outcomes[i]!.decision, labels);
    add('combined', metrics.outcomes[i]!.score1, split, pair.count);
    data.signals.forEach((signal, s) => add(signal, pair.stage1Values[s]!, split, pair.count));
  });
  return [...counts].map(([key, count]) => {
    const [chart, b, split] = key.split('\u0000') as [string, string, string];
    return { chart, bin: Number(b) / bins, split, count };
  });
}

export const LABEL_SPLITS = ['same label', 'different label', 'no label'] as const;
export const DECISION_SPLITS = ['accepted', 'rejected'] as const;

export function splitOf(pair: TuningPair, decision: Decision, labels: RowLabels | null): string {
  if (labels) {
    const la = labels[pair.a]!;
    const lb = labels[pair.b]!;
    return la !== null && lb !== null ? (la === lb ? LABEL_SPLITS[0] : LABEL_SPLITS[1]) : LABEL_SPLITS[2];
  }
  return decision === 'accept' ? DECISION_SPLITS[0] : DECISION_SPLITS[1];
}
