/** A worker thread of the local pool (thread-pool.ts): runs each task it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { clusterBlock, mergeOwn } from './block-work.ts';
import type { ThreadTask } from './thread-pool.ts';

parentPort!.on('message', (task: ThreadTask) => {
  (task.kind === 'block' ? clusterBlock(task.job) : mergeOwn(task.plan, task.results)).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) => parentPort!.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
