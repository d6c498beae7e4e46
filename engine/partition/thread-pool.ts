/**
 * A small pool of worker threads for the CPU-bound jobs of a partitioned run (block-work.ts): at most `size` threads,
 * each taking the next task when it finishes one. An abort or a failed task ends every thread.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../util/errors.ts';
import { PROJECT_ROOT } from '../util/project-root.ts';
import type { BlockJob, BlockResult, PartitionPlan } from './types.ts';

const THREAD_SCRIPT = path.join(PROJECT_ROOT, 'engine', 'partition', 'block-thread.mjs');

export type ThreadTask = { kind: 'block'; job: BlockJob } | { kind: 'merge'; plan: PartitionPlan; results: BlockResult[] };

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

export interface PoolOptions {
  size: number;
  signal?: AbortSignal;
  onTaskDone?: (done: number) => void;
}

/** The tasks' results in the tasks' order. */
export function runInThreads<T>(tasks: readonly ThreadTask[], { size, signal, onTaskDone }: PoolOptions): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const results: T[] = new Array(tasks.length);
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
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    const feed = (thread: Worker) => {
      if (next >= tasks.length) return; // idle until the last task is in; end() stops every thread
      const index = next++;
      thread.once('message', (reply: Reply) => {
        if (!reply.ok) return end(new Error(`Partition task ${index + 1} of ${tasks.length} (${tasks[index]!.kind}) failed: ${reply.error}`));
        results[index] = reply.result as T;
        done++;
        onTaskDone?.(done);
        if (done === tasks.length) end();
        else feed(thread);
      });
      thread.postMessage(tasks[index]!);
    };
    for (let i = 0; i < Math.min(size, tasks.length); i++) {
      const thread = new Worker(THREAD_SCRIPT);
      thread.on('error', (error) => end(error));
      thread.on('exit', (code) => {
        if (!ended) end(new Error(`A partition thread stopped (exit code ${code})`));
      });
      threads.push(thread);
      feed(thread);
    }
    if (tasks.length === 0) end();
  });
}
