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
import { failedChange, runningChange } from '../jobs/job-states.ts';
import { partitionWorker, runPartitionFlow } from './partition-flow.ts';

export interface QueueWorkerOptions {
  /** Analyses this worker runs at once; it also takes up to this many partition jobs (blocks, merges) at once. */
  concurrency: number;
  /** How long a job stays locked without renewal; a dead worker's job is taken over about this long after it died. */
  lockSeconds: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** How often a running job checks that it was not cancelled (removed from the store) meanwhile. */
const CANCEL_POLL_MS = 1000;

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
    this.partitions = partitionWorker(redis, options);
    this.partitions.worker.on('error', (error) => this.options.log?.('warn', `Partition queue: ${error.message}`));
    this.partitions.connection.on('error', () => undefined);
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
    if (!record || record.status === 'completed' || record.status === 'failed') return null; // cancelled or already ended
    const started = performance.now();
    this.options.log?.('info', `Job ${id} started (attempt ${job.attemptsMade + 1})`);
    await store.update(id, runningChange(record.startedAt ?? undefined));
    const files = await Promise.all(record.spec.uploads.map(async (u) => ({ role: u.role, name: u.displayName, data: await store.readUpload(id, u.key) })));
    const workDir = path.join(this.scratch, `${id}-${randomBytes(4).toString('hex')}`);
    await fs.mkdir(workDir, { recursive: true });
    let child: ChildProcess | undefined;
    let cancelled = false;
    const poll = setInterval(() => {
      void store.get(id).then((now) => {
        if (now !== null) return;
        cancelled = true;
        child?.kill('SIGKILL');
      }, () => undefined);
    }, CANCEL_POLL_MS);
    let reply: AnalysisReply;
    try {
      reply = await inAnalysisProcess(
        { type: 'run', settings: record.spec.settings, files, workDir, partitionsByParent: true },
        {
          onChild: (forked) => {
            child = forked;
            return cancelled;
          },
          onProgress: (percent, message) => void job.updateProgress({ percent, message }).catch(() => undefined),
          onPartition: (plan) => runPartitionFlow(this.redis, id, retentionMinutes, plan),
        },
      );
    } finally {
      clearInterval(poll);
      await fs.rm(workDir, { recursive: true, force: true });
    }
    if (cancelled) return null;
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
