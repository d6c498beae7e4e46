/** A worker thread of the local block pool (thread-pool.ts): clusters each block it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { clusterBlock } from './block-work.ts';
import type { BlockJob } from './types.ts';

parentPort!.on('message', (job: BlockJob) => {
  clusterBlock(job).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) => parentPort!.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
