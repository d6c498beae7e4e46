/** Options of `clause-cascade serve` (SPEC §14), with the defaults the command documents. */
import path from 'node:path';
import { userCacheRoot } from '../signals/embeddings/index.ts';
import { UsageError } from '../util/errors.ts';
import { parseQueueUrl } from './queue/connection.ts';

export interface ServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  maxConcurrentJobs: number;
  jobRetentionMinutes: number;
  /** Exact origins allowed by CORS; none by default. */
  corsOrigins: string[];
  /** Reported by /health (the legacy monitoring reads it). */
  environment: string;
  /** redis://host:port[/db]: jobs go to a BullMQ queue run by `clause-cascade worker`s (queue/); absent: in-process. */
  queue?: string;
}

export function defaultServerOptions(): ServerOptions {
  return {
    host: '127.0.0.1',
    port: 8000,
    dataDir: path.join(userCacheRoot(), 'server'),
    maxConcurrentJobs: 1,
    jobRetentionMinutes: 60,
    corsOrigins: [],
    environment: process.env.CLAUSE_CASCADE_ENVIRONMENT ?? 'production',
  };
}

function integer(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`Invalid --${name}: ${value}; expected an integer from ${min} to ${max}.`);
}

export function validateServerOptions(options: ServerOptions): ServerOptions {
  integer('port', options.port, 0, 65535);
  integer('max-concurrent-jobs', options.maxConcurrentJobs, 1, 64);
  integer('job-retention-minutes', options.jobRetentionMinutes, 1, 60 * 24 * 365);
  for (const origin of options.corsOrigins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin) throw new UsageError(`Invalid --cors-origin ${JSON.stringify(origin)}: give an origin such as https://clauses.example.nl (scheme, host and port only).`);
  }
  if (options.queue !== undefined) parseQueueUrl(options.queue);
  return options;
}
