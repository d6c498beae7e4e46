/** What every route group of the server is given. */
import type { VectorCacheAdmin } from './cache.ts';
import type { JobRunner, JobStore } from './jobs/types.ts';
import type { ServerMetrics } from './metrics.ts';
import type { ServerOptions } from './options.ts';

export interface ServerContext {
  options: ServerOptions;
  store: JobStore;
  runner: JobRunner;
  metrics: ServerMetrics;
  cache: VectorCacheAdmin;
  /** Scratch folder for previews (uploads read once, then deleted). */
  scratchDir: string;
}
