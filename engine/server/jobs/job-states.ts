/**
 * The state a job takes at each step, as every store and runner records it: pending with its stored uploads,
 * running, failed with a Dutch cause, completed with its outcome. One definition, so the file store, the Redis store
 * and both runners report the same status messages.
 */
import { MESSAGES } from '../dutch.ts';
import type { JobOutcome, JobRecord, JobSpec, JobStatus, StoredUpload } from './types.ts';

export function pendingJob(id: string, spec: Omit<JobSpec, 'uploads'>, uploads: StoredUpload[], reportName: string): JobRecord {
  return {
    id,
    status: 'pending',
    progress: 0,
    statusMessage: MESSAGES.pending,
    error: null,
    createdAt: new Date().toISOString(),
    startedAt: null,
    endedAt: null,
    spec: { ...spec, uploads },
    stats: null,
    reportName,
    warnings: [...spec.warnings],
  };
}

/** Completed and failed are final: no later change applies to a job in either. */
export function hasEnded(status: JobStatus): boolean {
  return status === 'completed' || status === 'failed';
}

/** A job a runner has started; `startedAt` is kept when a job is taken over by another worker. */
export function runningChange(startedAt = new Date().toISOString()): Partial<JobRecord> {
  return { status: 'running', startedAt, progress: 0, statusMessage: 'Initialiseren...' };
}

export function failedChange(error: string): Partial<JobRecord> {
  return { status: 'failed', progress: 0, statusMessage: MESSAGES.failed, error, endedAt: new Date().toISOString() };
}

export function completedChange(record: JobRecord, outcome: JobOutcome): Partial<JobRecord> {
  return {
    status: 'completed',
    progress: 100,
    statusMessage: 'Analyse voltooid!',
    error: null,
    endedAt: new Date().toISOString(),
    stats: outcome.stats,
    warnings: [...record.warnings, ...outcome.warnings],
  };
}
