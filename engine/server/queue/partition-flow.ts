/**
 * A partitioned run (`partitions` > 1) under `--queue`: the blocks and their merge become a BullMQ flow on their own
 * queue, a parent `merge` job with one `block` child per block. Any worker takes the children; once all have
 * completed, BullMQ releases the parent, whose worker merges the blocks' clusters across blocks and hands the merged
 * clustering back to the analysis that is waiting for it (which then runs the advice once). Blocks and merge run on
 * a worker thread of the worker process, so its event loop keeps renewing its job locks.
 */
import { randomBytes } from 'node:crypto';
import { FlowProducer, QueueEvents, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Counters } from '../../cascade/types.ts';
import type { Clustering } from '../../cluster/types.ts';
import { blockJobs, CLUSTER_BLOCKS, MERGE_BLOCKS, type BlockJob, type BlockResult, type MergedPartitions, type PartitionPlan } from '../../partition/index.ts';
import { startWorkerThreads } from '../../pipeline/threads/pool.ts';
import type { ParallelTask } from '../../util/parallel.ts';
import { KEY_PREFIX } from './connection.ts';
import { ATTEMPTS, workerOptions } from './jobs.ts';

/** The queue of partition jobs, separate from the analyses so a worker busy with an analysis can still take blocks. */
export const PARTITION_QUEUE = 'partitions';

type BlockData = { index: number; job: BlockJob };
type MergeData = { plan: PartitionPlan };
type BlockReturn = { index: number; result: BlockResult };

/** Submits the plan as a flow (a `merge` parent with a `block` child per block) and waits for the parent's merge. */
export async function runPartitionFlow(redis: Redis, analysisId: string, retentionMinutes: number, plan: PartitionPlan): Promise<MergedPartitions> {
  const base = `${analysisId}-${randomBytes(4).toString('hex')}`;
  const keep = { removeOnComplete: { age: retentionMinutes * 60 }, removeOnFail: { age: retentionMinutes * 60 }, attempts: ATTEMPTS };
  const listening = redis.duplicate();
  const events = new QueueEvents(PARTITION_QUEUE, { connection: listening, prefix: KEY_PREFIX });
  const flows = new FlowProducer({ connection: redis, prefix: KEY_PREFIX });
  try {
    await events.waitUntilReady();
    const node = await flows.add({
      name: 'merge',
      queueName: PARTITION_QUEUE,
      data: { plan } satisfies MergeData,
      opts: { jobId: `${base}-merge`, ...keep },
      children: blockJobs(plan).map((job, index) => ({
        name: 'block',
        queueName: PARTITION_QUEUE,
        data: { index, job } satisfies BlockData,
        opts: { jobId: `${base}-block-${index}`, failParentOnFailure: true, ...keep },
      })),
    });
    return (await node.job.waitUntilFinished(events)) as MergedPartitions;
  } finally {
    await events.close();
    listening.disconnect();
    await flows.close();
  }
}

/** One job on a thread of its own, so this process's event loop keeps renewing its job locks. */
async function offThisThread<I, O>(task: ParallelTask<I, O, null>, input: I): Promise<O> {
  const thread = startWorkerThreads(1);
  if (!thread) throw new Error(`No worker thread script for ${task.id}: run the built CLI or the TypeScript sources`);
  try {
    const [output] = await thread.map(task, [input], null);
    return output!;
  } finally {
    await thread.close();
  }
}

async function processPartitionJob(job: Job<BlockData | MergeData, BlockReturn | MergedPartitions>): Promise<BlockReturn | MergedPartitions> {
  if (job.name === 'block') {
    const { index, job: block } = job.data as BlockData;
    return { index, result: await offThisThread(CLUSTER_BLOCKS, block) };
  }
  const { plan } = job.data as MergeData;
  const children = Object.values(await job.getChildrenValues<BlockReturn>());
  if (children.length !== plan.blocks.length) throw new Error(`merge of ${job.id}: ${children.length} of ${plan.blocks.length} blocks returned`);
  const results = children.sort((a, b) => a.index - b.index).map((c) => c.result);
  const merged = await offThisThread(MERGE_BLOCKS, { plan, results });
  return { ...merged, blockClusters: results.reduce((sum, r) => sum + r.clusters.length, 0) };
}

/** The part of `clause-cascade worker` that takes partition jobs (blocks and merges) from any analysis. */
export function partitionWorker(redis: Redis, options: { concurrency: number; lockSeconds: number }): { worker: Worker; connection: Redis } {
  const connection = redis.duplicate();
  const worker = new Worker<BlockData | MergeData, BlockReturn | MergedPartitions>(PARTITION_QUEUE, processPartitionJob, workerOptions(connection, options));
  return { worker, connection };
}
