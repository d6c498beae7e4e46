/**
 * The tuning view's recomputation: pure functions over the cached pair values, run in the webview on every slider
 * change. Decisions follow the engine exactly for the pairs the baseline compared: stage 1 on the simplified texts
 * with cuts [normalisedGate, t], the middle band goes to stage 2 on the clustering texts with cut max(0.8, t − 0.05)
 * (SPEC §8.2). The policy simulations replay the engine's lossless and seed rules over the same values.
 */
import { bandOf, EPSILON } from '../../../engine/cascade/evaluate.ts';
import { clusterThreshold, normalisedThreshold, type Settings } from '../../../engine/config/settings.ts';
import type { TuningData, TuningPair, TuningParams } from './protocol.ts';

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

export function normaliseWeights(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (total > 0 ? w / total : 0));
}

function weighted(weights: readonly number[], values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += weights[i]! * values[i]!;
  return sum;
}

export interface PairOutcome {
  score1: number;
  score2: number | null;
  decision: Decision;
}

/** The `full` policy's verdict for one pair. */
export function decidePair(pair: TuningPair, weights: readonly number[], th: Thresholds): PairOutcome {
  const score1 = weighted(weights, pair.v1);
  const band = bandOf(score1, [th.gate, th.t]);
  if (band === 2) return { score1, score2: null, decision: 'accept' };
  if (band === 0) return { score1, score2: null, decision: 'reject' };
  const score2 = weighted(weights, pair.v2);
  return { score1, score2, decision: score2 >= th.stage2 ? 'accept' : 'reject' };
}

/** Signals the lossless policy evaluates for one stage before the bounds decide every cut (SPEC §7.4). */
export function losslessEvaluations(values: readonly number[], bounds: readonly number[], weights: readonly number[], cuts: readonly number[]): number {
  const n = values.length;
  for (let next = 0; next < n; next++) {
    let lower = 0;
    for (let i = 0; i < next; i++) lower += weights[i]! * values[i]!;
    let upper = lower;
    for (let i = next; i < n; i++) upper += weights[i]! * bounds[i]!;
    let decided = true;
    for (const c of cuts) {
      if (lower >= c + EPSILON) continue;
      if (!(upper < c - EPSILON)) {
        decided = false;
        break;
      }
    }
    if (decided) return next;
  }
  return n;
}

export interface SeedOutcome {
  score: number;
  band: number;
  evaluated: boolean[];
}

/** The seed policy's lossy exits for one stage, in the engine's order: fuzzy, stemmed, then the rest. */
export function seedStage(data: Pick<TuningData, 'signals' | 'seed'>, values: readonly number[], weights: readonly number[], params: TuningParams, cuts: readonly number[]): SeedOutcome {
  const { signals, seed } = data;
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
      const f = values[iFuzzy]!;
      if (f < params.exitLow || f >= params.exitHigh) return single(f);
    } else if (index === iStemmed && iFuzzy >= 0 && k + 1 < order.length) {
      const wf = weights[iFuzzy]!;
      const ws = weights[iStemmed]!;
      const known = wf * values[iFuzzy]! + ws * values[iStemmed]!;
      const partial = known / (wf + ws);
      if (partial >= seed.partialAccept) return single(partial);
      if (known + (1 - wf - ws) < seed.partialReject) return single(partial);
    }
  }
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < signals.length; i++) {
    if (!evaluated[i]) continue;
    sum += weights[i]! * values[i]!;
    weight += weights[i]!;
  }
  return single(weight > 0 ? sum / weight : 0);
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
  labels: { precision: number; recall: number; f1: number } | null;
  baselineLabels: { precision: number; recall: number; f1: number } | null;
  cost: { full: PolicyCost; lossless: PolicyCost; seed: PolicyCost };
  seedChangedPairs: number; // seed decisions differing from full at these settings
}

function pairwise(outcomes: readonly PairOutcome[], data: TuningData): { precision: number; recall: number; f1: number } | null {
  if (!data.hasLabels) return null;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  data.pairs.forEach((pair, i) => {
    const la = data.rows[pair.a]!.label;
    const lb = data.rows[pair.b]!.label;
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

export function decideAll(data: TuningData, params: TuningParams): PairOutcome[] {
  const weights = normaliseWeights(params.weights);
  const th = thresholdsOf(params, data.normalisedGate);
  return data.pairs.map((p) => decidePair(p, weights, th));
}

/** Everything the view shows for one slider position; `baseline` is decideAll(data, data.baseline), computed once. */
export function computeMetrics(data: TuningData, params: TuningParams, baseline: readonly PairOutcome[]): Metrics {
  const weights = normaliseWeights(params.weights);
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
    const outcome = decidePair(pair, weights, th);
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
    addPrefix(lossless, losslessEvaluations(pair.v1, pair.u1, weights, cuts1), c);
    if (stage2) addPrefix(lossless, losslessEvaluations(pair.v2, pair.u2, weights, cuts2), c);
    // Seed: its own stage-1 band decides whether (and how) stage 2 runs.
    const s1 = seedStage(data, pair.v1, weights, params, cuts1);
    let seedDecision: Decision = s1.band === 2 ? 'accept' : 'reject';
    s1.evaluated.forEach((e, i) => e && ((seed.perSignal[i]! += c), (seed.evaluations += c)));
    if (s1.band === 1) {
      const s2 = seedStage(data, pair.v2, weights, params, cuts2);
      s2.evaluated.forEach((e, i) => e && ((seed.perSignal[i]! += c), (seed.evaluations += c)));
      seedDecision = s2.band >= 1 ? 'accept' : 'reject';
    }
    if (seedDecision !== outcome.decision) seedChangedPairs += c;
  }
  return {
    thresholds: th,
    weights,
    outcomes,
    pairs,
    accepted,
    changedPairs,
    changedIndices,
    rowsTouched: touched.size,
    labels: pairwise(outcomes, data),
    baselineLabels: pairwise(baseline, data),
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
    const contribution = weights[i]! * pair.v1[i]!;
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
export function histograms(data: TuningData, metrics: Metrics, bins = 40): HistogramBin[] {
  const counts = new Map<string, number>();
  const add = (chart: string, value: number, split: string, count: number) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(value * bins)));
    const key = `${chart}\u0000${b}\u0000${split}`;
    counts.set(key, (counts.get(key) ?? 0) + count);
  };
  data.pairs.forEach((pair, i) => {
    const split = splitOf(data, pair, metrics.outcomes[i]!.decision);
    add('combined', metrics.outcomes[i]!.score1, split, pair.count);
    data.signals.forEach((signal, s) => add(signal, pair.v1[s]!, split, pair.count));
  });
  return [...counts].map(([key, count]) => {
    const [chart, b, split] = key.split('\u0000') as [string, string, string];
    return { chart, bin: Number(b) / bins, split, count };
  });
}

export function splitOf(data: TuningData, pair: TuningPair, decision: Decision): string {
  if (data.hasLabels) {
    const la = data.rows[pair.a]!.label;
    const lb = data.rows[pair.b]!.label;
    return la !== null && lb !== null ? (la === lb ? 'same label' : 'different label') : 'no label';
  }
  return decision === 'accept' ? 'accepted' : 'rejected';
}
