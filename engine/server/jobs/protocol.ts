/** Messages between the server and its analysis process (jobs/analysis-process.ts), sent with advanced serialization. */
import type { JobOutcome, UploadRole } from './types.ts';

export interface JobFile {
  role: UploadRole;
  /** Safe base name; the file is written under this name in the job's work folder, so messages can name it. */
  name: string;
  data: Uint8Array;
}

export type ToAnalysis = { type: 'run'; settings: Record<string, unknown>; files: JobFile[]; workDir: string };

export type FromAnalysis =
  | { type: 'progress'; percent: number; message: string }
  | { type: 'done'; report: Uint8Array; outcome: JobOutcome }
  | { type: 'failed'; error: string; cause: string };
