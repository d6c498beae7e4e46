/**
 * The partition stage (opt-in, `partitions` > 1), between cluster and advise: block the rows (blocking.ts), cluster
 * each block where the runner puts it (worker threads on one machine, child jobs of a queue flow across machines),
 * then merge across blocks (merge.ts). The advice then runs once on the merged clusters, as in an unsplit run. The
 * result is not guaranteed identical to the unsplit run: a row meets only its own block's leaders before the merge.
 */
import type { Clustering, ClusterContext } from '../cluster/types.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { blockRecords } from './blocking.ts';
import { mergeBlocks } from './merge.ts';
import type { BlockRunner, PartitionFacts } from './types.ts';

export type { BlockJob, BlockResult, BlockRunner, PartitionFacts } from './types.ts';
export { threadBlockRunner } from './thread-pool.ts';
export { clusterBlock } from './block-work.ts';

export interface PartitionRequest {
  tfidfCorpus: string[];
  runBlocks: BlockRunner;
}

export async function clusterPartitioned(records: readonly ClauseRecord[], ctx: ClusterContext, request: PartitionRequest): Promise<{ clustering: Clustering; facts: PartitionFacts }> {
  const { settings } = ctx;
  const blocking = blockRecords(records, settings.partitions, settings.minTextLength);
  ctx.log?.(`Partitions: ${blocking.components} components in ${settings.partitions} blocks of ${blocking.blocks.map((b) => b.length).join(', ')} rows`);
  const blocks = blocking.blocks.filter((block) => block.length > 0);
  const jobs = blocks.map((block) => ({ settings, records: block.map((i) => records[i]!), tfidfCorpus: request.tfidfCorpus }));
  ctx.onProgress?.(0);
  const results = await request.runBlocks(jobs, { signal: ctx.signal, onBlockDone: (done) => ctx.onProgress?.(Math.trunc((90 * done) / jobs.length)) });
  const clustering = await mergeBlocks(records, blocks, results, ctx);
  ctx.onProgress?.(100);
  const blockClusters = results.reduce((sum, r) => sum + r.clusters.length, 0);
  return {
    clustering,
    facts: {
      blocks: settings.partitions,
      blockRows: blocking.blocks.map((b) => b.length),
      components: blocking.components,
      blockClusters,
      mergedClusters: blockClusters - clustering.clusters.length,
    },
  };
}
