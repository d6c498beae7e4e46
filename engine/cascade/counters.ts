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

/** Adds `from` into `into`: the counters of work done elsewhere (a block of a partitioned run) join the run's own. */
export function addCounters(into: Counters, from: Counters): void {
  for (const c of PAIR_CONTEXTS) into.pairsCompared[c] += from.pairsCompared[c];
  into.pairsSkippedByLength += from.pairsSkippedByLength;
  into.pairsSkippedByPolarity += from.pairsSkippedByPolarity;
  into.leadersPruned += from.leadersPruned;
  into.cacheHits.exact += from.cacheHits.exact;
  into.cacheHits.normalised += from.cacheHits.normalised;
  for (const s of SIGNAL_IDS) into.signalEvaluations[s] += from.signalEvaluations[s];
  into.embeddingInferences += from.embeddingInferences;
  into.embeddingBatches += from.embeddingBatches;
  into.embeddingCacheHits += from.embeddingCacheHits;
  for (const r of EXIT_REASONS) into.exits[r] += from.exits[r];
}
