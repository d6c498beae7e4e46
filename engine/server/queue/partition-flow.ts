/**
 * A partitioned run (`partitions` > 1) under `--queue`: the blocks and their merge become a BullMQ flow on their own
 * queue, a parent `merge` job with one `block` child per block. Any worker takes the children; once all have
 * completed, BullMQ releases the parent, whose worker merges the blocks' clusters across blocks and hands the merged
 * clustering back to the analysis that is waiting for it (which then runs the advice once). Blocks and merge run on
 * a worker thread of the worker process, so its event loop keeps renewing its job locks. A cancelled analysis takes its
 * flow with it: the waiting blocks leave the queue, and a block or merge already running stops at its next look at
 * the store.
 */
import { randomBytes } from 'node:crypto';
import { FlowProducer, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { blockJobs, CLUSTER_BLOCKS, MERGE_BLOCKS, type BlockJob, type BlockResult, type MergedPartitions, type PartitionPlan } from '../../partition/index.ts';
import { startWorkerThreads } from '../../pipeline/threads/pool.ts';
import { CancelledError } from '../../util/errors.ts';
import type { ParallelTask } from '../../util/parallel.ts';
import { KEY_PREFIX } from './connection.ts';
import { ATTEMPTS, workerOptions, type QueuedJob } from './jobs.ts';
import { RedisJobStore } from './redis-store.ts';
import { rejectOnAbort, watchRemoval } from './removal.ts';

/** The queue of partition jobs, separate from the analyses so a worker busy with an analysis can still take blocks. */
export const PARTITION_QUEUE = 'partitions';

/** `analysis`: the queued analysis the job works for; the job is dropped once that analysis is cancelled. */
type BlockData = { analysis: QueuedJob; index: number; job: BlockJob };
type MergeData = { analysis: QueuedJob; plan: PartitionPlan };
type BlockReturn = { index: number; result: BlockResult };

export interface FlowHooks {
  /** Aborted when the analysis no longer waits (cancelled, or its process ended); the wait then ends. */
  signal: AbortSignal;
  /** Another block of the flow completed (`done` of `total`). */
  onBlocksDone(done: number, total: number): void;
}

/** Submits the plan as a flow (a `merge` parent with a `block` child per block) and waits for the parent's merge. */
export async function runPartitionFlow(redis: Redis, analysis: QueuedJob, plan: PartitionPlan, hooks: FlowHooks): Promise<MergedPartitions> {
  const base = `${analysis.id}-${randomBytes(4).toString('hex')}`;
  const age = analysis.retentionMinutes * 60;
  const keep = { removeOnComplete: { age }, removeOnFail: { age }, attempts: ATTEMPTS };
  const children = blockJobs(plan).map((job, index) => ({
    name: 'block',
    queueName: PARTITION_QUEUE,
    data: { analysis, index, job } satisfies BlockData,
    opts: { jobId: `${base}-block-${index}`, failParentOnFailure: true, ...keep },
  }));
  const listening = redis.duplicate();
  const events = new QueueEvents(PARTITION_QUEUE, { connection: listening, prefix: KEY_PREFIX });
  const flows = new FlowProducer({ connection: redis, prefix: KEY_PREFIX });
  const blocks = new Set(children.map((child) => child.opts.jobId));
  const done = new Set<string>();
  events.on('completed', ({ jobId }) => {
    if (!blocks.has(jobId) || done.has(jobId)) return;
    done.add(jobId);
    hooks.onBlocksDone(done.size, blocks.size);
  });
  try {
    await events.waitUntilReady();
    const node = await flows.add({ name: 'merge', queueName: PARTITION_QUEUE, data: { analysis, plan } satisfies MergeData, opts: { jobId: `${base}-merge`, ...keep }, children });
    try {
      return (await Promise.race([node.job.waitUntilFinished(events), rejectOnAbort(hooks.signal, () => new CancelledError())])) as MergedPartitions;
    } catch (error) {
      // Cancelled, or a block failed (which fails the parent): the blocks still waiting are of no use to anyone.
      await removeFlow(node.job);
      throw error;
    }
  } finally {
    await events.close();
    listening.disconnect();
    await flows.close();
  }
}

/**
 * The blocks no worker holds leave the queue with their parent; a block a worker holds cannot be removed (BullMQ
 * refuses while it is locked) and stops on its own once it sees the analysis gone.
 */
async function removeFlow(parent: Job): Promise<void> {
  await parent.removeUnprocessedChildren();
  await parent.remove({ removeChildren: true }).catch(() => undefined);
}

/** One job on a thread of its own, so this process's event loop keeps renewing its job locks; ends on `signal`. */
async function offThisThread<I, O>(task: ParallelTask<I, O, null>, input: I, signal: AbortSignal): Promise<O> {
  const thread = startWorkerThreads(1);
  if (!thread) throw new Error(`No worker thread script for ${task.id}: run the built CLI or the TypeScript sources`);
  try {
    const [output] = await Promise.race([thread.map(task, [input], null), rejectOnAbort(signal, () => new CancelledError())]);
    return output!;
  } finally {
    await thread.close();
  }
}

async function processPartitionJob(redis: Redis, job: Job<BlockData | MergeData, BlockReturn | MergedPartitions>): Promise<BlockReturn | MergedPartitions> {
  const { analysis } = job.data;
  const store = new RedisJobStore(redis, analysis.retentionMinutes);
  // Cancelled before this job began: nothing to do, and no retry either.
  if ((await store.get(analysis.id)) === null) throw new UnrecoverableError(`analysis ${analysis.id} was cancelled`);
  const removal = watchRemoval(store, analysis.id);
  try {
    if (job.name === 'block') {
      const { index, job: block } = job.data as BlockData;
      return { index, result: await offThisThread(CLUSTER_BLOCKS, block, removal.signal) };
    }
    const { plan } = job.data as MergeData;
    const children = Object.values(await job.getChildrenValues<BlockReturn>());
    if (children.length !== plan.blocks.length) throw new Error(`merge of ${job.id}: ${children.length} of ${plan.blocks.length} blocks returned`);
    const results = children.sort((a, b) => a.index - b.index).map((c) => c.result);
    const merged = await offThisThread(MERGE_BLOCKS, { plan, results }, removal.signal);
    return { ...merged, blockClusters: results.reduce((sum, r) => sum + r.clusters.length, 0) };
  } catch (error) {
    if (removal.signal.aborted) throw new UnrecoverableError(`analysis ${analysis.id} was cancelled`);
    throw error;
  } finally {
    removal.stop();
  }
}

/** The part of `clause-cascade worker` that takes partition jobs (blocks and merges) from any analysis. */
export function partitionWorker(redis: Redis, options: { concurrency: number; lockSeconds: number }): { worker: Worker; connection: Redis } {
  const connection = redis.duplicate();
  const worker = new Worker<BlockData | MergeData, BlockReturn | MergedPartitions>(PARTITION_QUEUE, (job) => processPartitionJob(redis, job), workerOptions(connection, options));
  return { worker, connection };
}
