/** Messages between the server and its analysis process (jobs/analysis-process.ts), sent with advanced serialization. */
import type { MergedPartitions, PartitionPlan } from '../../partition/index.ts';
import type { JobOutcome, UploadRole } from './types.ts';

export interface JobFile {
  role: UploadRole;
  /** Safe base name; the file is written under this name in the job's work folder, so messages can name it. */
  name: string;
  data: Uint8Array;
}

/** `POST /api/upload/preview`'s answer (SPEC §4.3–4.4). */
export interface Preview {
  columns: string[];
  row_count: number;
  text_column: string;
  policy_column: string | null;
}

export type ToAnalysis =
  /** `partitionsByParent`: a partitioned run asks the parent to cluster and merge its blocks (a queue worker's flow). */
  | { type: 'run'; settings: Record<string, unknown>; files: JobFile[]; workDir: string; partitionsByParent?: boolean }
  /** Blocks of the parent's flow clustered so far: the analysis reports them as its cluster stage's progress. */
  | { type: 'partition-progress'; done: number; total: number }
  | { type: 'partitioned'; merged: MergedPartitions }
  | { type: 'partitions-failed'; cause: string }
  | { type: 'preview'; file: JobFile; workDir: string };

/** `input`: the error is the upload's (a 4xx for a preview), not the server's. */
export type AnalysisFailure = { type: 'failed'; error: string; cause: string; input: boolean };

export type FromAnalysis =
  | { type: 'progress'; percent: number; message: string }
  | { type: 'partition'; plan: PartitionPlan }
  | { type: 'done'; report: Uint8Array; outcome: JobOutcome }
  | { type: 'previewed'; preview: Preview }
  | AnalysisFailure;

export type AnalysisReply = Exclude<FromAnalysis, { type: 'progress' } | { type: 'partition' }>;
