/** What the partition stage hands to whoever clusters the blocks and merges them (worker threads, a queue flow). */
import type { Counters } from '../cascade/types.ts';
import type { ClusterContext, ClusterDraft, Clustering } from '../cluster/types.ts';
import type { Settings } from '../config/settings.ts';
import type { ClauseRecord } from '../normalise/records.ts';

/** One block: its records and what a signal suite needs to score them as the whole run would (the TF-IDF corpus). */
export interface BlockJob {
  settings: Settings;
  records: ClauseRecord[];
  tfidfCorpus: string[];
}

/** The block's clusters with indices into its own records, and the work it took. */
export interface BlockResult {
  clusters: ClusterDraft[];
  counters: Counters;
}

/** A whole partitioned clustering: every record, and each block as record indices (ascending). */
export interface PartitionPlan {
  settings: Settings;
  records: ClauseRecord[];
  tfidfCorpus: string[];
  blocks: number[][];
}

/** The merged clustering and the number of clusters the blocks had before the merge. */
export interface PartitionOutcome {
  clustering: Clustering;
  blockClusters: number;
}

/** A partitioned clustering done elsewhere (a queue flow): the outcome and every count of its work. */
export interface MergedPartitions extends PartitionOutcome {
  counters: Counters;
}

/**
 * Clusters the plan's blocks and merges them, wherever that happens; the work it counts ends up in `ctx.counters`.
 * `ctx` is the run's own cluster context (settings, signal suite, progress in percent, cancellation).
 */
export type PartitionRunner = (plan: PartitionPlan, ctx: ClusterContext) => Promise<PartitionOutcome>;

/** What the report says about a partitioned run. */
export interface PartitionFacts {
  blocks: number;
  /** Rows per block, in block order. */
  blockRows: number[];
  /** Groups of texts the blocking kept together. */
  components: number;
  /** Clusters before the merge across blocks, and how many of them the merge joined into others. */
  blockClusters: number;
  mergedClusters: number;
}
