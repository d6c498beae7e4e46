import { SIGNAL_IDS } from '../config/settings.ts';
import { EXIT_REASONS, PAIR_CONTEXTS, type Counters } from './types.ts';

export function newCounters(): Counters {
  return {
    pairsCompared: Object.fromEntries(PAIR_CONTEXTS.map((c) => [c, 0])) as Counters['pairsCompared'],
    pairsSkippedByLength: 0,
    pairsSkippedByPolarity: 0,
    leadersPruned: 0,
    cacheHits: { exact: 0, normalised: 0 },
    signalEvaluations: Object.fromEntries(SIGNAL_IDS.map((s) => [s, 0])) as Counters['signalEvaluations'],
    embeddingInferences: 0,
    embeddingBatches: 0,
    embeddingCacheHits: 0,
    exits: Object.fromEntries(EXIT_REASONS.map((r) => [r, 0])) as Counters['exits'],
  };
}
