/**
 * What one analysis run produces. The report stage writes it and the experiment harness measures it; neither
 * recomputes anything from the inputs.
 */
import type { Settings } from '../config/settings.ts';
import type { Counters } from '../cascade/types.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import type { SignalStatus } from '../signals/types.ts';
import type { Cluster, ReferenceSummary, RowResult } from '../advise/types.ts';
import type { PolicyTable } from '../ingest/index.ts';
import type { PartitionFacts } from '../partition/index.ts';
import type { Warning } from '../util/warnings.ts';

/** The timed stages of a run, in pipeline order; `total` is the whole run. */
export const STAGE_NAMES = ['ingest', 'normalise', 'prepareSignals', 'cluster', 'advise', 'report', 'total'] as const;
export type StageName = (typeof STAGE_NAMES)[number];
export type Timings = Partial<Record<StageName, number>>;

export interface AnalysisResult {
  engineVersion: string;
  startedAt: string; // ISO 8601
  settings: Settings;
  table: PolicyTable;
  records: ClauseRecord[];
  rows: RowResult[]; // input order, one per data row
  clusters: Cluster[]; // creation order
  signals: SignalStatus;
  references: ReferenceSummary;
  counters: Counters;
  /** Set when the rows were split into blocks (`partitions` > 1): the result may differ from the unsplit run's. */
  partitioning: PartitionFacts | null;
  timingsMs: Timings;
  /** Threads the run's normalisation and advice ran on (the `threads` setting resolved; 1 without worker threads). */
  threads: number;
  warnings: Warning[];
}

export interface ProgressEvent {
  stage: string;
  percent: number;
  message: string; // Dutch, SPEC §11
  /** Rows the stage has handled so far, and of how many (null while the input is still being read). */
  rows?: { done: number; total: number | null };
}
