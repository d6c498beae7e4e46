/** Every task a worker thread can run, by id: the worker looks up what the main thread names in a message. */
import { QUALITY_ADVICE } from '../../advise/rules/quality.ts';
import { CLUSTERING_TEXTS, PREPARE_TEXTS } from '../../normalise/records.ts';
import { CLUSTER_BLOCKS, MERGE_BLOCKS } from '../../partition/index.ts';
import type { ParallelTask } from '../../util/parallel.ts';

type AnyTask = ParallelTask<unknown, unknown, unknown>;

export const THREAD_TASKS: ReadonlyMap<string, AnyTask> = new Map(
  [PREPARE_TEXTS, CLUSTERING_TEXTS, QUALITY_ADVICE, CLUSTER_BLOCKS, MERGE_BLOCKS].map((task) => [task.id, task as unknown as AnyTask]),
);
