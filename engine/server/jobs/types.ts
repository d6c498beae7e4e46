/**
 * The job contract of `clause-cascade serve` (SPEC §14). Routes talk only to a JobStore (state, uploads, outcomes)
 * and a JobRunner (doing the work); a queue on a distributed engine can implement both without the routes changing.
 * Nothing here names a file path: a remote worker reaches inputs and outputs through the store alone.
 */

/** Every state a job can be in, in the order a job passes them; the status enum of the API and the metrics' labels. */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** The states a job never leaves. */
export type EndedStatus = Extract<JobStatus, 'completed' | 'failed'>;

/** The legacy API's summary of a completed job (`stats` of /api/status and /api/results). */
export interface JobStats {
  total_rows: number;
  unique_clusters: number;
  reduction_percentage: number;
  /** Rows the legacy tool split into several clauses; Clause Cascade keeps one clause per row, so always 0. */
  multi_clause_count: number;
  analysis_mode: string;
  /** Advice label → number of rows. */
  advice_distribution: Record<string, number>;
}

/** One report row of `Analyseresultaten`, in the legacy API's field names (`/api/results`). */
export interface ResultRow {
  cluster_id: string;
  cluster_name: string;
  frequency: number | null;
  advice_code: string;
  confidence: string;
  reason: string;
  reference_article: string;
  original_text: string;
  row_type: 'SINGLE';
  parent_id: null;
}

/** The kinds of upload a job holds; the legacy multipart field names. */
export type UploadRole = 'policy_file' | 'conditions_files' | 'clause_library_files' | 'reference_file' | 'extra_instruction';

export interface StoredUpload {
  role: UploadRole;
  /** The name shown to users: the client's base name with unsafe characters removed; never used as a path. */
  displayName: string;
  /** The store's own key of the bytes (for the file store, a generated file name). */
  key: string;
  bytes: number;
}

/** What a job asks for: the effective settings overrides and its uploads. */
export interface JobSpec {
  /** Dotted setting name → value, validated with resolveSettings before the job is created. */
  settings: Record<string, unknown>;
  uploads: StoredUpload[];
  /** Warnings known when the job was accepted (e.g. an ignored reference file). */
  warnings: string[];
}

export interface JobRecord {
  id: string;
  status: JobStatus;
  progress: number;
  statusMessage: string;
  /** Readable cause of a failure, in Dutch. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  spec: JobSpec;
  stats: JobStats | null;
  /** The report's download name: `{policy stem}_clause-cascade.xlsx`. */
  reportName: string;
  /** Warnings of the job and, once completed, of the analysis. */
  warnings: string[];
}

export interface JobOutcome {
  stats: JobStats;
  results: ResultRow[];
  warnings: string[];
  /** Cascade figures of the run, for metrics: exit reason → count, signal → pair values computed. */
  exits: Record<string, number>;
  signalEvaluations: Record<string, number>;
}

export interface NewUpload {
  role: UploadRole;
  displayName: string;
  data: Uint8Array;
}

export interface JobStore {
  /** Stores the uploads and a new `pending` job. */
  create(spec: Omit<JobSpec, 'uploads'>, uploads: NewUpload[], reportName: string): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | null>;
  list(): Promise<JobRecord[]>;
  /** Applies a change to a job's state; null when the job no longer exists. */
  update(id: string, change: Partial<Pick<JobRecord, 'status' | 'progress' | 'statusMessage' | 'error' | 'startedAt' | 'endedAt'>>): Promise<JobRecord | null>;
  readUpload(id: string, key: string): Promise<Uint8Array>;
  /** Stores the report and results, then marks the job completed: a report is never visible before it is whole. */
  complete(id: string, report: Uint8Array, outcome: JobOutcome): Promise<JobRecord | null>;
  readReport(id: string): Promise<Uint8Array | null>;
  readResults(id: string): Promise<ResultRow[] | null>;
  remove(id: string): Promise<void>;
  /** Whether new jobs can be written (readiness). */
  check(): Promise<{ status: 'ready' } | { status: 'not_ready'; error: string }>;
}

export interface JobEvents {
  onStarted?(id: string): void;
  onEnded?(id: string, status: EndedStatus, seconds: number, outcome: JobOutcome | null): void;
}

export interface JobRunner {
  /** Queues a stored `pending` job; it runs when a slot is free. */
  submit(id: string): void;
  /** Stops a pending or running job; the job is then removed by the caller. Resolves once it no longer runs. */
  cancel(id: string): Promise<void>;
  /** Jobs queued or running. */
  active(): number;
  close(): Promise<void>;
}
