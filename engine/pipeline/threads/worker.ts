/**
 * A worker thread of the pool (pool.ts): runs each slice it is sent, and answers each with its
 * outputs or the error it threw. The CLI build bundles it as dist/cli/thread-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { SliceReply, SliceRequest } from './protocol.ts';
import { THREAD_TASKS } from './tasks.ts';

async function answer(request: SliceRequest): Promise<SliceReply> {
  const task = THREAD_TASKS.get(request.task);
  if (!task) return { slice: request.slice, error: `No thread task ${request.task}` };
  try {
    return { slice: request.slice, outputs: await task.run(request.inputs, request.shared) };
  } catch (error) {
    return { slice: request.slice, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort?.on('message', (request: SliceRequest) => void answer(request).then((reply) => parentPort!.postMessage(reply)));
