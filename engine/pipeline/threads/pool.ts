/**
 * Where a run's parallel tasks (util/parallel.ts) run: the calling thread for `threads` 1, else a pool of worker
 * threads. The worker script is the CLI build's dist/cli/thread-worker.mjs beside this module's chunk, or, running
 * from the TypeScript sources (tsx, vitest), worker.ts loaded through tsx. A bundle without the script (one that does
 * not build it) runs everything in the calling thread, which gives the same results.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { entryScript, type EntryScript } from '../../util/entry-script.ts';
import { CancelledError } from '../../util/errors.ts';
import { IN_THIS_THREAD, slicesOf, type MapOptions, type ParallelTask, type TaskRunner } from '../../util/parallel.ts';
import type { SliceReply, SliceRequest } from './protocol.ts';

export interface ThreadRunner extends TaskRunner {
  /** Stops the worker threads; the runner is not used afterwards. */
  close(): Promise<void>;
}

/** The `threads` setting as a count: 0 means one thread per available core. */
export function threadCount(setting: number): number {
  return setting === 0 ? availableParallelism() : setting;
}

/** A worker thread that registers tsx first, so it can load the TypeScript sources. */
function tsxWorker(script: URL): Worker {
  // The ESM build of tsx's API: its CommonJS build cannot find its loader when run from an eval'd worker script.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  const tsxApi = pathToFileURL(path.join(path.dirname(manifest), api.import.default)).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true });
}

interface Pending {
  resolve(outputs: unknown[]): void;
  reject(error: Error): void;
}

class WorkerPool implements ThreadRunner {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextSlice = 0;
  private failure: Error | null = null;

  constructor(
    readonly threads: number,
    script: EntryScript,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = script.viaTsx ? tsxWorker(script.url) : new Worker(script.url);
      worker.on('message', (reply: SliceReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      return worker;
    });
  }

  async map<I, O, S>(task: ParallelTask<I, O, S>, inputs: readonly I[], shared: S, options: MapOptions = {}): Promise<O[]> {
    const { signal, onSliceDone } = options;
    const slices = slicesOf(inputs, options.sliceSize);
    const results: O[][] = new Array(slices.length);
    let next = 0;
    let done = 0;
    // Each worker takes the next slice as soon as it answers, so a slow slice never holds the others up.
    const drive = async (worker: Worker): Promise<void> => {
      while (next < slices.length) {
        if (signal?.aborted) throw new CancelledError();
        const index = next++;
        results[index] = (await this.send(worker, { task: task.id, inputs: slices[index]!, shared })) as O[];
        onSliceDone?.(++done, slices.length);
      }
    };
    // A cancel does not wait for the slices under way: the run closes the pool, which ends the threads.
    await untilAborted(Promise.all(this.workers.map(drive)), signal);
    if (signal?.aborted) throw new CancelledError();
    return results.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private send(worker: Worker, request: Omit<SliceRequest, 'slice'>): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slice = this.nextSlice++;
    return new Promise((resolve, reject) => {
      this.pending.set(slice, { resolve, reject });
      worker.postMessage({ ...request, slice } satisfies SliceRequest);
    });
  }

  private settle(reply: SliceReply): void {
    const pending = this.pending.get(reply.slice);
    this.pending.delete(reply.slice);
    if ('error' in reply) pending?.reject(new Error(`Worker thread: ${reply.error}`));
    else pending?.resolve(reply.outputs);
  }

  private fail(error: Error): void {
    this.failure = new Error(`A worker thread stopped: ${error.message}`, { cause: error });
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

/** `work`, or a CancelledError as soon as `signal` aborts, whichever comes first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A runner for the `threads` setting; `onFallback` hears why a pool could not be made. */
export function startThreads(setting: number, onFallback?: (reason: string) => void): ThreadRunner {
  const threads = threadCount(setting);
  if (threads <= 1) return inThisThread();
  return startWorkerThreads(threads) ?? fallBack(onFallback);
}

/**
 * Exactly `count` worker threads, even one: for work that must leave the calling thread's event loop free (a queue
 * worker renewing its job locks). Null where no worker script exists.
 */
export function startWorkerThreads(count: number): ThreadRunner | null {
  const script = entryScript(import.meta.url, './worker.ts', './thread-worker.mjs');
  return script ? new WorkerPool(count, script) : null;
}

function inThisThread(): ThreadRunner {
  return { ...IN_THIS_THREAD, close: async () => {} };
}

function fallBack(onFallback?: (reason: string) => void): ThreadRunner {
  onFallback?.(`no worker script beside ${import.meta.url}; running in one thread`);
  return inThisThread();
}
