/**
 * What one analysis run produces. The report stage writes it and the experiment harness measures it; neither
 * recomputes anything from the inputs.
 */
import type { Settings, SignalId } from '../config/settings.ts';
import type { Advice } from '../advise/labels.ts';
import type { PolicyTable } from '../ingest/index.ts';

export type ExitReason = 'exit.low' | 'exit.high' | 'cascade.high' | 'cascade.bound' | 'lossless.accept' | 'lossless.reject' | 'full';
export const EXIT_REASONS: readonly ExitReason[] = ['exit.low', 'exit.high', 'cascade.high', 'cascade.bound', 'lossless.accept', 'lossless.reject', 'full'];

export type PairContext = 'cluster.stage1' | 'cluster.stage2' | 'library' | 'conditions' | 'instructions';
export const PAIR_CONTEXTS: readonly PairContext[] = ['cluster.stage1', 'cluster.stage2', 'library', 'conditions', 'instructions'];

export interface Counters {
  pairsCompared: Record<PairContext, number>;
  pairsSkippedByLength: number;
  leadersPruned: number;
  cacheHits: { exact: number; normalised: number };
  signalEvaluations: Record<SignalId, number>;
  embeddingInferences: number;
  embeddingBatches: number;
  embeddingCacheHits: number;
  exits: Record<ExitReason, number>;
}

export type StageName = 'ingest' | 'normalise' | 'prepareSignals' | 'cluster' | 'advise' | 'report' | 'total';
export type Timings = Partial<Record<StageName, number>>;

export interface SignalStatus {
  enabled: SignalId[];
  available: SignalId[];
  unavailable: { signal: SignalId; reason: string }[];
  /** Weights renormalised over the available signals, in signalOrder. */
  effectiveWeights: Partial<Record<SignalId, number>>;
  embeddingModel: { id: string; variant: string } | null;
}

export interface ClauseRecord {
  rowNumber: number; // 1-based position among data rows
  sourceLine: number; // sheet row or CSV line, for messages
  rawText: string;
  policyNumber: string | null;
  simplifiedText: string;
  clusteringText: string;
}

export interface Cluster {
  id: string; // CL-0001
  name: string;
  leaderRow: number; // rowNumber of the leader
  rows: number[]; // rowNumbers in join order, leader first
  advice: Advice; // cluster advice, step 0 included
  contentAdvice: Advice; // from step 1 onward; what member rows show
}

export interface RowResult {
  rowNumber: number;
  clusterId: string; // CL-… or NVT
  advice: Advice; // the row advice of SPEC §9.2
}

export interface ReferenceSummary {
  conditionsDocuments: string[];
  conditionsSections: number;
  libraryEntries: number;
  instructions: number;
}

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
  timingsMs: Timings;
  warnings: string[];
}

export interface ProgressEvent {
  stage: string;
  percent: number;
  message: string; // Dutch, SPEC §11
}
