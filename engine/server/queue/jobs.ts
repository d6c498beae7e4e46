/** What the API server puts on the queue and the worker hands back; shared by queue-runner.ts and worker.ts. */
import type { JobOutcome } from '../jobs/types.ts';

export interface QueuedJob {
  id: string;
  /** The server's --job-retention-minutes: a worker expires the job's keys with it once the job ends. */
  retentionMinutes: number;
}

/** BullMQ's return value: the metrics part of the outcome (the rows stay in the store), null when nothing ran. */
export type WorkerResult = { status: 'completed' | 'failed'; seconds: number; outcome: Omit<JobOutcome, 'results'> | null } | null;

/** A worker died (or lost its lock) once; the second time the job fails rather than keep taking workers down. */
export const MAX_STALLED = 1;
/** Attempts of a job whose analysis process crashed (out of memory, killed): one retry on any worker. */
export const ATTEMPTS = 2;

export const QUEUE_MESSAGES = {
  workerLost: 'De analyse is afgebroken: de worker die haar uitvoerde is herhaaldelijk gestopt (bijvoorbeeld door te weinig geheugen). Start de analyse opnieuw, eventueel met een kleiner bestand.',
  retrying: 'Opnieuw proberen op een andere worker...',
} as const;
