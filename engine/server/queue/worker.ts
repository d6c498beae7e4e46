/**
 * `clause-cascade worker`: takes jobs from the BullMQ queue and runs each in its own analysis process, exactly as
 * the in-process runner does (jobs/analysis-client.ts), reading uploads from and writing outcomes to the Redis store.
 * A worker that dies mid-job stops renewing its lock; BullMQ's stalled-job check then hands the job to another one.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { inAnalysisProcess } from '../jobs/analysis-client.ts';
import type { AnalysisReply } from '../jobs/protocol.ts';
import { QUEUE_NAME } from './connection.ts';
import { ATTEMPTS, QUEUE_MESSAGES, workerOptions, type QueuedJob, type WorkerResult } from './jobs.ts';
import { RedisJobStore } from './redis-store.ts';
import { failedChange, hasEnded, runningChange } from '../jobs/job-states.ts';
import { threadCount } from '../../pipeline/threads/pool.ts';
import { watchRemoval } from './removal.ts';
import { partitionWorker, runPartitionFlow } from './partition-flow.ts';

export interface QueueWorkerOptions {
  /** Analyses this worker runs at once; without `threads`, also the partition jobs (blocks, merges) it takes at once. */
  concurrency: number;
  /**
   * The `threads` setting of every analysis this worker runs (this machine's cores, not the job's choice), and the
   * partition jobs it takes at once, each on a thread of its own; absent: each job's own setting.
   */
  threads?: number;
  /** How long a job stays locked without renewal; a dead worker's job is taken over about this long after it died. */
  lockSeconds: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class QueueWorker {
  private readonly worker: Worker<QueuedJob, WorkerResult>;
  private readonly scratch = path.join(os.tmpdir(), `clause-cascade-worker-${process.pid}`);
  /** BullMQ's worker blocks on its connection while waiting for jobs, so it gets its own; closed with the worker. */
  private readonly blocking: Redis;
  private readonly partitions: ReturnType<typeof partitionWorker>;

  constructor(
    private readonly redis: Redis,
    private readonly options: QueueWorkerOptions,
  ) {
    this.blocking = redis.duplicate();
    this.worker = new Worker<QueuedJob, WorkerResult>(QUEUE_NAME, (job) => this.process(job), workerOptions(this.blocking, options));
    this.worker.on('error', (error) => this.options.log?.('warn', `Queue: ${error.message}`));
    this.blocking.on('error', () => undefined); // reconnects on its own; the worker's 'error' event reports it
    this.worker.on('failed', (job, error) => this.options.log?.('warn', `Job ${job?.id ?? '?'} failed: ${error.message}`));
    const partitionJobs = options.threads === undefined ? options.concurrency : threadCount(options.threads);
    this.partitions = partitionWorker(redis, { concurrency: partitionJobs, lockSeconds: options.lockSeconds });
    this.partitions.worker.on('error', (error) => this.options.log?.('warn', `Partition queue: ${error.message}`));
    this.partitions.connection.on('error', () => undefined);
    this.partitions.worker.on('active', (job) => this.options.log?.('info', `Partition job ${job.id} started`));
    this.partitions.worker.on('completed', (job) => this.options.log?.('info', `Partition job ${job.id} completed`));
  }

  async start(): Promise<void> {
    await fs.mkdir(this.scratch, { recursive: true });
    await Promise.all([this.worker.waitUntilReady(), this.partitions.worker.waitUntilReady()]);
    void this.worker.run();
    void this.partitions.worker.run();
  }

  private async process(job: Job<QueuedJob, WorkerResult>): Promise<WorkerResult> {
    const { id, retentionMinutes } = job.data;
    const store = new RedisJobStore(this.redis, retentionMinutes);
    const record = await store.get(id);
    if (!record || hasEnded(record.status)) return null; // cancelled or already ended
    const started = performance.now();
    this.options.log?.('info', `Job ${id} started (attempt ${job.attemptsMade + 1})`);
    await store.update(id, runningChange(record.startedAt ?? undefined));
    const files = await Promise.all(record.spec.uploads.map(async (u) => ({ role: u.role, name: u.displayName, data: await store.readUpload(id, u.key) })));
    const workDir = path.join(this.scratch, `${id}-${randomBytes(4).toString('hex')}`);
    await fs.mkdir(workDir, { recursive: true });
    let child: ChildProcess | undefined;
    // A flow outlives no analysis: once the job is removed or its process ends (crashed, killed), nobody waits for it.
    const flowOver = new AbortController();
    const removal = watchRemoval(store, id);
    removal.signal.addEventListener(
      'abort',
      () => {
        child?.kill('SIGKILL');
        flowOver.abort();
      },
      { once: true },
    );
    const settings = this.options.threads === undefined ? record.spec.settings : { ...record.spec.settings, threads: this.options.threads };
    let reply: AnalysisReply;
    try {
      reply = await inAnalysisProcess(
        { type: 'run', settings, files, workDir, partitionsByParent: true },
        {
          onChild: (forked) => {
            child = forked;
            return removal.signal.aborted;
          },
          onProgress: (percent, message) => void job.updateProgress({ percent, message }).catch(() => undefined),
          onPartition: (plan, onBlocksDone) => runPartitionFlow(this.redis, job.data, plan, { signal: flowOver.signal, onBlocksDone }),
        },
      );
    } finally {
      flowOver.abort();
      removal.stop();
      await fs.rm(workDir, { recursive: true, force: true });
    }
    if (removal.signal.aborted) return null;
    const seconds = (performance.now() - started) / 1000;
    if (reply.type === 'done') {
      // null: the job was removed or had already ended on another worker; either way this outcome is not kept.
      const stored = await store.complete(id, reply.report, reply.outcome);
      if (stored?.status !== 'completed' || stored.endedAt === null) return null;
      this.options.log?.('info', `Job ${id} completed`);
      const { results: _rows, ...metrics } = reply.outcome;
      return { status: 'completed', seconds, outcome: metrics };
    }
    if (reply.type !== 'failed') throw new Error(`Unexpected analysis reply ${reply.type}`);
    // A crash (not the input's fault) gets another attempt, perhaps on another worker with more memory.
    if (!reply.input && job.attemptsMade + 1 < (job.opts.attempts ?? ATTEMPTS)) {
      await store.update(id, { statusMessage: QUEUE_MESSAGES.retrying });
      throw new Error(reply.cause);
    }
    this.options.log?.('warn', `Job ${id} failed: ${reply.cause}`);
    await store.update(id, failedChange(reply.error));
    return { status: 'failed', seconds, outcome: null };
  }

  async close(): Promise<void> {
    await Promise.all([this.worker.close(), this.partitions.worker.close()]);
    this.blocking.disconnect();
    this.partitions.connection.disconnect();
    await fs.rm(this.scratch, { recursive: true, force: true });
  }
}
