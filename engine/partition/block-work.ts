/**
 * The two jobs of a partitioned run that may run away from the run's own process (a worker thread, a queue worker):
 * clustering one block, and merging the blocks' results. Each builds its own signal suite and cascade from the
 * settings and the run's TF-IDF corpus, so scores are those of the whole run.
 */
import { Cascade } from '../cascade/evaluate.ts';
import { newCounters } from '../cascade/counters.ts';
import type { Counters } from '../cascade/types.ts';
import { clusterRecords } from '../cluster/leader.ts';
import type { ClusterContext, Clustering } from '../cluster/types.ts';
import { enabledSignals, type Settings } from '../config/settings.ts';
import { loadEmbeddingProvider } from '../signals/embeddings/index.ts';
import { SignalSuite } from '../signals/suite.ts';
import type { ParallelTask } from '../util/parallel.ts';
import { mergeBlocks } from './merge.ts';
import type { BlockJob, BlockResult, PartitionPlan } from './types.ts';

async function withOwnContext<T>(settings: Settings, tfidfCorpus: readonly string[], work: (ctx: ClusterContext) => Promise<T>): Promise<T> {
  const counters = newCounters();
  const embeddings = enabledSignals(settings).includes('embeddings') ? await loadEmbeddingProvider(settings) : undefined;
  const suite = new SignalSuite({ settings, tfidfCorpus: new Set(tfidfCorpus), embeddings });
  try {
    const result = await work({ settings, suite, counters, cascade: new Cascade(suite, settings, counters, null) });
    const stats = suite.provider?.stats;
    counters.embeddingInferences = stats?.inferences ?? 0;
    counters.embeddingBatches = stats?.batches ?? 0;
    counters.embeddingCacheHits = stats?.diskHits ?? 0;
    return result;
  } finally {
    await suite.provider?.close();
  }
}

export function clusterBlock(job: BlockJob): Promise<BlockResult> {
  return withOwnContext(job.settings, job.tfidfCorpus, async (ctx) => {
    const { clusters } = await clusterRecords(job.records, ctx);
    return { clusters, counters: ctx.counters };
  });
}

/** The merge as a job of its own (a queue flow's parent): the merged clustering and all the work counted. */
export function mergeOwn(plan: PartitionPlan, results: readonly BlockResult[]): Promise<{ clustering: Clustering; counters: Counters }> {
  return withOwnContext(plan.settings, plan.tfidfCorpus, async (ctx) => ({ clustering: await mergeBlocks(plan.records, plan.blocks, results, ctx), counters: ctx.counters }));
}

async function eachInTurn<I, O>(inputs: readonly I[], work: (input: I) => Promise<O>): Promise<O[]> {
  const outputs: O[] = [];
  for (const input of inputs) outputs.push(await work(input));
  return outputs;
}

/** Blocks as a task for the run's threads (pipeline/threads): one block per slice. */
export const CLUSTER_BLOCKS: ParallelTask<BlockJob, BlockResult, null> = {
  id: 'partition.cluster-block',
  run: (jobs) => eachInTurn(jobs, clusterBlock),
};

export interface MergeJob {
  plan: PartitionPlan;
  results: readonly BlockResult[];
}

/** The merge as a task, for a queue worker that keeps its event loop free. */
export const MERGE_BLOCKS: ParallelTask<MergeJob, { clustering: Clustering; counters: Counters }, null> = {
  id: 'partition.merge',
  run: (merges) => eachInTurn(merges, ({ plan, results }) => mergeOwn(plan, results)),
};
