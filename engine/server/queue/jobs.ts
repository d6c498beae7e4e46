/** What the API server puts on the queue and the worker hands back; shared by queue-runner.ts and worker.ts. */
import type { WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EndedStatus, JobOutcome } from '../jobs/types.ts';
import { KEY_PREFIX } from './connection.ts';

export interface QueuedJob {
  id: string;
  /** The server's --job-retention-minutes: a worker expires the job's keys with it once the job ends. */
  retentionMinutes: number;
}

/** BullMQ's return value: the metrics part of the outcome (the rows stay in the store), null when nothing ran. */
export type WorkerResult = { status: EndedStatus; seconds: number; outcome: Omit<JobOutcome, 'results'> | null } | null;

/** A worker died (or lost its lock) once; the second time the job fails rather than keep taking workers down. */
export const MAX_STALLED = 1;
/** Attempts of a job whose analysis process crashed (out of memory, killed): one retry on any worker. */
export const ATTEMPTS = 2;

export const QUEUE_MESSAGES = {
  workerLost: 'De analyse is afgebroken: de worker die haar uitvoerde is herhaaldelijk gestopt (bijvoorbeeld door te weinig geheugen). Start de analyse opnieuw, eventueel met een kleiner bestand.',
  retrying: 'Opnieuw proberen op een andere worker...',
} as const;

/**
 * The options of every BullMQ worker of `clause-cascade worker` (analyses, partition jobs): its own blocking
 * connection, and a lock that a dead worker stops renewing, so its job is taken over after about `lockSeconds`.
 */
export function workerOptions(connection: Redis, options: { concurrency: number; lockSeconds: number }): WorkerOptions {
  return {
    connection,
    prefix: KEY_PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.lockSeconds * 1000,
    stalledInterval: options.lockSeconds * 1000,
    maxStalledCount: MAX_STALLED,
    autorun: false,
  };
}
