/**
 * The API server's JobRunner with `--queue`: submitting puts the job on a BullMQ queue that any number of
 * `clause-cascade worker` processes take from. Progress comes back as BullMQ job progress and is written to the
 * store, so `GET /api/status` reads the same as without a queue. Retries, stalled-job detection and exactly-once
 * completion are BullMQ's (plus the store's final states); this class only relays.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobEvents, JobRunner, JobStore } from '../jobs/types.ts';
import { KEY_PREFIX, QUEUE_NAME } from './connection.ts';
import { ATTEMPTS, QUEUE_MESSAGES, type QueuedJob, type WorkerResult } from './jobs.ts';
import { failedChange, hasEnded } from '../jobs/job-states.ts';

export interface QueueRunnerOptions {
  retentionMinutes: number;
  events?: JobEvents;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class QueueJobRunner implements JobRunner {
  private readonly queue: Queue<QueuedJob, WorkerResult>;
  private readonly queueEvents: QueueEvents;
  /** Jobs this server submitted that have not ended, as far as its events tell (readiness figure only). */
  private readonly open = new Set<string>();
  /** QueueEvents blocks on its connection while reading events, so it gets its own; closed with the runner. */
  private readonly blocking: Redis;

  constructor(
    redis: Redis,
    private readonly store: JobStore,
    private readonly options: QueueRunnerOptions,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection: redis, prefix: KEY_PREFIX });
    this.blocking = redis.duplicate();
    this.queueEvents = new QueueEvents(QUEUE_NAME, { connection: this.blocking, prefix: KEY_PREFIX });
    const warn = (error: Error) => this.options.log?.('warn', `Queue: ${error.message}`);
    this.blocking.on('error', warn);
    this.queueEvents.on('active', ({ jobId }) => this.options.events?.onStarted?.(jobId));
    this.queueEvents.on('progress', ({ jobId, data }) => {
      const { percent, message } = data as { percent: number; message: string };
      void this.store.update(jobId, { progress: percent, statusMessage: message }).catch(warn);
    });
    this.queueEvents.on('completed', ({ jobId, returnvalue }) => {
      this.open.delete(jobId);
      const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as WorkerResult;
      if (result) this.options.events?.onEnded?.(jobId, result.status, result.seconds, result.outcome === null ? null : { ...result.outcome, results: [] });
    });
    this.queueEvents.on('failed', ({ jobId, failedReason }) => {
      this.open.delete(jobId);
      void this.markFailed(jobId, failedReason).catch(warn);
    });
    this.queueEvents.on('error', warn);
    this.queue.on('error', warn);
  }

  /** A job BullMQ gave up on (stalled too often, crashed on every attempt) ends failed in the store, if it has not ended. */
  private async markFailed(id: string, reason: string): Promise<void> {
    const job = await this.store.get(id);
    if (!job || hasEnded(job.status)) return;
    this.options.log?.('warn', `Job ${id} failed in the queue: ${reason}`);
    await this.store.update(id, failedChange(QUEUE_MESSAGES.workerLost));
    this.options.events?.onEnded?.(id, 'failed', 0, null);
  }

  /**
   * Reconciles the store with the queue after a restart of this server: jobs keep running on the workers meanwhile,
   * so unlike the in-process runner nothing is failed for being `running`; only jobs the queue lost or gave up on are.
   */
  async start(): Promise<void> {
    await this.queueEvents.waitUntilReady();
    for (const job of await this.store.list()) {
      if (job.status !== 'pending' && job.status !== 'running') continue;
      const state = await this.queue.getJobState(job.id);
      if (state === 'failed') await this.markFailed(job.id, 'failed while the API server was away');
      else if (state === 'unknown') this.submit(job.id); // accepted but never queued (the server stopped in between)
      else this.open.add(job.id);
    }
  }

  submit(id: string): void {
    this.open.add(id);
    const data: QueuedJob = { id, retentionMinutes: this.options.retentionMinutes };
    const age = this.options.retentionMinutes * 60;
    // The job id is the BullMQ id: submitting twice never queues twice.
    void this.queue
      .add('analyse', data, { jobId: id, attempts: ATTEMPTS, removeOnComplete: { age }, removeOnFail: { age } })
      .catch((error: Error) => {
        this.options.log?.('error', `Job ${id} could not be queued: ${error.message}`);
        void this.markFailed(id, error.message);
      });
  }

  async cancel(id: string): Promise<void> {
    this.open.delete(id);
    // A waiting job leaves the queue; an active one is locked by its worker, which stops once the store forgets it.
    await this.queue.remove(id).catch(() => 0);
  }

  active(): number {
    return this.open.size;
  }

  async close(): Promise<void> {
    await this.queueEvents.close();
    await this.queue.close();
    this.blocking.disconnect();
  }
}
