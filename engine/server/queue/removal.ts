/**
 * Cancelling a queued job (`DELETE /api/jobs/{id}`) removes it from the store; whatever works for it on a worker (its
 * analysis process, its partition blocks and merge) learns that by looking, since BullMQ cannot interrupt a job that
 * a worker holds.
 */
import type { JobStore } from '../jobs/types.ts';

/** How often work for a job checks that the job is still in the store. */
const REMOVAL_POLL_MS = 1000;

export interface RemovalWatch {
  /** Aborted once the job is gone from the store. */
  signal: AbortSignal;
  stop(): void;
}

export function watchRemoval(store: Pick<JobStore, 'get'>, id: string): RemovalWatch {
  const removed = new AbortController();
  const poll = setInterval(() => {
    void store.get(id).then((now) => {
      if (now === null) removed.abort();
    }, () => undefined);
  }, REMOVAL_POLL_MS);
  removed.signal.addEventListener('abort', () => clearInterval(poll), { once: true });
  return { signal: removed.signal, stop: () => clearInterval(poll) };
}

/** Rejects when `signal` aborts; for racing work that cannot itself be interrupted. */
export function rejectOnAbort(signal: AbortSignal, error: () => Error): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(error());
    else signal.addEventListener('abort', () => reject(error()), { once: true });
  });
}
