/** Messages between the pool (pool.ts) and its worker threads (worker.ts). */
export interface SliceRequest {
  slice: number;
  task: string;
  inputs: readonly unknown[];
  shared: unknown;
}

export type SliceReply = { slice: number; outputs: unknown[] } | { slice: number; error: string };
