/** What the partition stage hands to whoever clusters a block (a worker thread, a queue worker) and gets back. */
import type { Counters } from '../cascade/types.ts';
import type { ClusterDraft } from '../cluster/types.ts';
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

/** Clusters every block, in any order or place, and answers in the jobs' order. */
export type BlockRunner = (jobs: BlockJob[], options: { signal?: AbortSignal; onBlockDone?: (done: number) => void }) => Promise<BlockResult[]>;

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
