/**
 * Work that may run on several threads: a task is a pure function from a slice of inputs (and data shared by every
 * slice) to one output per input, so running its slices anywhere and in any order and concatenating them gives the
 * same outputs as one call. Stages describe their tasks here; the pipeline decides where they run (pipeline/threads).
 */
import { cancellationPoint } from './errors.ts';

export interface ParallelTask<I, O, S> {
  /** Names the task in the worker's registry (pipeline/threads/tasks.ts). */
  readonly id: string;
  run(inputs: readonly I[], shared: S): O[] | Promise<O[]>;
}

export interface MapOptions {
  signal?: AbortSignal;
  /** Inputs per slice; a task whose every input is a large job (a partition block) uses 1. */
  sliceSize?: number;
  onSliceDone?: (done: number, total: number) => void;
}

export interface TaskRunner {
  /** Threads the work runs on (1: the calling thread). */
  readonly threads: number;
  map<I, O, S>(task: ParallelTask<I, O, S>, inputs: readonly I[], shared: S, options?: MapOptions): Promise<O[]>;
}

/** Inputs per slice: a few milliseconds of work, so a cancel request is seen quickly and threads share work evenly. */
export const SLICE_SIZE = 2_000;

export function slicesOf<I>(inputs: readonly I[], size = SLICE_SIZE): I[][] {
  const slices: I[][] = [];
  for (let start = 0; start < inputs.length; start += size) slices.push(inputs.slice(start, start + size));
  return slices;
}

/**
 * Inputs the calling thread runs between two cancellation points. A slice for a thread (SLICE_SIZE texts) took up to
 * a second of normalisation on a busy machine; a cancel must not wait that long, and a task's outputs do not depend
 * on how its inputs are cut.
 */
const IN_THREAD_SLICE_SIZE = 250;

/** Runs every slice in the calling thread, with a cancellation point between slices. */
export const IN_THIS_THREAD: TaskRunner = {
  threads: 1,
  async map(task, inputs, shared, options = {}) {
    const slices = slicesOf(inputs, Math.min(options.sliceSize ?? SLICE_SIZE, IN_THREAD_SLICE_SIZE));
    const outputs = [];
    for (let k = 0; k < slices.length; k++) {
      if (k > 0) await cancellationPoint(options.signal);
      outputs.push(...(await task.run(slices[k]!, shared)));
      options.onSliceDone?.(k + 1, slices.length);
    }
    return outputs;
  },
};
