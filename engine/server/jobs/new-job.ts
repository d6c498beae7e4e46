/** A job as every store first records it: pending, with its stored uploads. */
import { MESSAGES } from '../dutch.ts';
import type { JobRecord, JobSpec, StoredUpload } from './types.ts';

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
