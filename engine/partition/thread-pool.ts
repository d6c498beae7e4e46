/**
 * The local block runner: a small pool of worker threads (as many as there are blocks, at most one per core) that
 * cluster the blocks of a partitioned run on one machine. A thread takes the next block when it finishes one; an
 * abort or a failed block ends every thread.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../util/errors.ts';
import { PROJECT_ROOT } from '../util/project-root.ts';
import type { BlockJob, BlockResult, BlockRunner } from './types.ts';

const THREAD_SCRIPT = path.join(PROJECT_ROOT, 'engine', 'partition', 'block-thread.mjs');

type Reply = { ok: true; result: BlockResult } | { ok: false; error: string };

export function threadBlockRunner(poolSize = os.availableParallelism()): BlockRunner {
  return (jobs, { signal, onBlockDone }) =>
    new Promise<BlockResult[]>((resolve, reject) => {
      const results: BlockResult[] = new Array(jobs.length);
      const threads: Worker[] = [];
      let next = 0;
      let done = 0;
      let ended = false;
      const end = (error?: Error) => {
        if (ended) return;
        ended = true;
        signal?.removeEventListener('abort', onAbort);
        for (const thread of threads) void thread.terminate();
        if (error) reject(error);
        else resolve(results);
      };
      const onAbort = () => end(new CancelledError());
      signal?.addEventListener('abort', onAbort);
      const feed = (thread: Worker) => {
        if (next >= jobs.length) return; // idle until the last block is in; end() stops every thread
        const index = next++;
        thread.once('message', (reply: Reply) => {
          if (!reply.ok) return end(new Error(`Clustering block ${index + 1} of ${jobs.length} failed: ${reply.error}`));
          results[index] = reply.result;
          onBlockDone?.(++done);
          if (done === jobs.length) end();
          else feed(thread);
        });
        thread.postMessage(jobs[index]! satisfies BlockJob);
      };
      for (let i = 0; i < Math.min(poolSize, jobs.length); i++) {
        const thread = new Worker(THREAD_SCRIPT);
        thread.on('error', (error) => end(error));
        thread.on('exit', (code) => {
          if (code !== 0 && !ended) end(new Error(`A block thread stopped (exit code ${code})`));
        });
        threads.push(thread);
        feed(thread);
      }
      if (jobs.length === 0) end();
    });
}
