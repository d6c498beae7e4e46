/**
 * Work that may run on several threads: a task is a pure function from a slice of inputs (and data shared by every
 * slice) to one output per input, so running its slices anywhere and in any order and concatenating them gives the
 * same outputs as one call. Stages describe their tasks here; the pipeline decides where they run (pipeline/threads).
 */
import { cancellationPoint } from './errors.ts';

export interface ParallelTask<I, O, S> {
  /** Names the task in the worker's registry (pipeline/threads/tasks.ts). */
  readonly id: string;
  run(inputs: readonly I[], shared: S): O[];
}

export interface TaskRunner {
  /** Threads the work runs on (1: the calling thread). */
  readonly threads: number;
  map<I, O, S>(task: ParallelTask<I, O, S>, inputs: readonly I[], shared: S, signal?: AbortSignal): Promise<O[]>;
}

/** Inputs per slice: a few milliseconds of work, so a cancel request is seen quickly and threads share work evenly. */
export const SLICE_SIZE = 2_000;

/** Runs every slice in the calling thread, with a cancellation point between slices. */
export const IN_THIS_THREAD: TaskRunner = {
  threads: 1,
  async map(task, inputs, shared, signal) {
    const outputs = [];
    for (let start = 0; start < inputs.length; start += SLICE_SIZE) {
      if (start > 0) await cancellationPoint(signal);
      outputs.push(...task.run(inputs.slice(start, start + SLICE_SIZE), shared));
    }
    return outputs;
  },
};
