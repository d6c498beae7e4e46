/**
 * The partition stage (opt-in, `partitions` > 1), between cluster and advise: block the rows (blocking.ts), cluster
 * each block where the runner puts it (worker threads on one machine, child jobs of a queue flow across machines),
 * then merge across blocks (merge.ts). The advice then runs once on the merged clusters, as in an unsplit run. The
 * result is not guaranteed identical to the unsplit run: before the merge a row meets only its own block's leaders.
 */
import type { ClusterContext, Clustering } from '../cluster/types.ts';
import { enabledSignals } from '../config/settings.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { blockRecords } from './blocking.ts';
import { mergeBlocks } from './merge.ts';
import type { TaskRunner } from '../util/parallel.ts';
import { CLUSTER_BLOCKS } from './block-work.ts';
import type { BlockJob, BlockResult, PartitionFacts, PartitionPlan, PartitionRunner } from './types.ts';

export type { BlockJob, BlockResult, MergedPartitions, PartitionFacts, PartitionOutcome, PartitionPlan, PartitionRunner } from './types.ts';
export { CLUSTER_BLOCKS, MERGE_BLOCKS, type MergeJob } from './block-work.ts';

export function blockJobs(plan: PartitionPlan): BlockJob[] {
  return plan.blocks.map((block) => ({ settings: plan.settings, records: block.map((i) => plan.records[i]!), tfidfCorpus: plan.tfidfCorpus }));
}

/** The cluster stage's percent once `done` of `total` blocks are clustered; the merge takes the rest. */
export function blockProgress(done: number, total: number): number {
  return Math.trunc((90 * done) / total);
}

/** Blocks on the run's threads (the `threads` setting; one block per slice), merged in the run's own process. */
export function threadPartitionRunner(threads: TaskRunner): PartitionRunner {
  return async (plan, ctx) => {
    const jobs = blockJobs(plan);
    const results = await threads.map(CLUSTER_BLOCKS, jobs, null, {
      signal: ctx.signal,
      sliceSize: 1,
      onSliceDone: (done) => ctx.onProgress?.(blockProgress(done, jobs.length)),
    });
    return { clustering: await mergeBlocks(plan.records, plan.blocks, results, ctx), blockClusters: results.reduce((sum, r) => sum + r.clusters.length, 0) };
  };
}

export async function clusterPartitioned(records: ClauseRecord[], ctx: ClusterContext, tfidfCorpus: ReadonlySet<string>, runner: PartitionRunner): Promise<{ clustering: Clustering; facts: PartitionFacts }> {
  const { settings } = ctx;
  const blocking = blockRecords(records, settings.partitions, settings.minTextLength);
  ctx.log?.(`Partitions: ${blocking.components} components in ${settings.partitions} blocks of ${blocking.blocks.map((b) => b.length).join(', ')} rows`);
  // Only a suite with TF-IDF needs the corpus; the other modes do not ship it to every block.
  const corpus = enabledSignals(settings).includes('tfidf') ? [...tfidfCorpus] : [];
  const plan: PartitionPlan = { settings, records, tfidfCorpus: corpus, blocks: blocking.blocks.filter((block) => block.length > 0) };
  ctx.onProgress?.(0);
  const { clustering, blockClusters } = await runner(plan, ctx);
  ctx.onProgress?.(100);
  return {
    clustering,
    facts: { blocks: settings.partitions, blockRows: blocking.blocks.map((b) => b.length), components: blocking.components, blockClusters, mergedClusters: blockClusters - clustering.clusters.length },
  };
}
