/** A fake engine for harness tests: fixed partitions per policy, a fake clock advanced by each "analysis". */
import { EXIT_REASONS, PAIR_CONTEXTS, type Counters } from '../../engine/cascade/types.ts';
import { SIGNAL_IDS } from '../../engine/config/settings.ts';
import type { AnalysisOutcome, AnalysisRequest, Analyzer } from '../../engine/experiment/runner.ts';

export function zeroCounters(): Counters {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    pairsCompared: zeros(PAIR_CONTEXTS),
    pairsSkippedByLength: 0,
    pairsSkippedByPolarity: 0,
    leadersPruned: 0,
    cacheHits: { exact: 0, normalised: 0 },
    signalEvaluations: zeros(SIGNAL_IDS),
    embeddingInferences: 0,
    embeddingBatches: 0,
    embeddingCacheHits: 0,
    exits: zeros(EXIT_REASONS),
  };
}

export interface FakeEngine {
  analyzer: Analyzer;
  clock: () => number;
  calls: AnalysisRequest[];
}

/**
 * `clusters[policy]` and `advice[policy]` give the per-row results; `costMs[policy]` the time one analysis takes
 * (a list is used round-robin, to give spread). Labels are written into a `Label` column.
 */
export function fakeEngine(spec: {
  clusters: Record<string, string[]>;
  advice?: Record<string, string[]>;
  labels?: string[];
  costMs: Record<string, number[]>;
}): FakeEngine {
  let now = 0;
  const calls: AnalysisRequest[] = [];
  const perPolicyCalls = new Map<string, number>();
  const analyzer: Analyzer = async (request) => {
    calls.push(request);
    const policy = request.settings.policy;
    const n = perPolicyCalls.get(policy) ?? 0;
    perPolicyCalls.set(policy, n + 1);
    const costs = spec.costMs[policy]!;
    const cost = costs[n % costs.length]!;
    now += cost;
    const ids = spec.clusters[policy]!;
    const advice = spec.advice?.[policy] ?? ids.map(() => 'UNIEK');
    const counters = zeroCounters();
    counters.signalEvaluations.fuzzy = policy === 'full' ? 100 : 40;
    const outcome: AnalysisOutcome = {
      table: {
        file: request.policyFile,
        format: 'csv',
        sheet: null,
        headers: ['Polisnummer', 'Tekst', 'Label'],
        rows: ids.map((_, i) => ({ sourceLine: i + 2, cells: [`POL-${i}`, `tekst ${i}`, spec.labels?.[i] ?? ''] })),
        textColumn: { index: 1, header: 'Tekst', rule: 'exact' },
        policyColumn: null,
        encoding: 'utf-8',
        delimiter: ';',
        warnings: [],
      } as unknown as AnalysisOutcome['table'],
      rows: ids.map((clusterId, i) => ({ rowNumber: i + 1, clusterId, advice: { label: advice[i]! } as never })),
      clusters: [...new Set(ids.filter((id) => id !== 'NVT'))].map((id) => ({ id }) as never),
      counters,
      timingsMs: { cluster: cost * 0.6, advise: cost * 0.3, total: cost },
    };
    return outcome;
  };
  return { analyzer, clock: () => now, calls };
}
