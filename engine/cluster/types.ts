/** What the cluster stage produces and what it needs (SPEC §8). */
import type { Counters } from '../cascade/types.ts';
import type { Cascade, EvaluationRecord } from '../cascade/evaluate.ts';
import type { Settings } from '../config/settings.ts';
import type { SignalSuite } from '../signals/suite.ts';

/**
 * The cluster id of a row that is not clustered because its simplified text is shorter than `minTextLength`: Dutch
 * "niet van toepassing" (not applicable), as the legacy report writes it (SPEC §8.1, §10).
 */
export const NVT = 'NVT';

export interface ClusterDraft {
  id: string;
  leader: number; // index into records
  members: number[]; // indices into records, join order, leader first
}

export interface Clustering {
  clusters: ClusterDraft[];
  /** Cluster id per record index (NVT for short texts). */
  clusterOf: string[];
}

/** A finished row–leader evaluation, for score distributions (experiments, the tuning view). */
export interface ObservedPair {
  stage: 1 | 2;
  row: number; // record index
  leader: number; // record index
  record: EvaluationRecord;
}

export interface ClusterContext {
  settings: Settings;
  suite: SignalSuite;
  cascade: Cascade;
  counters: Counters;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  log?: (message: string) => void;
  observe?: (pair: ObservedPair) => void;
}

export function clusterId(n: number): string {
  return `CL-${String(n).padStart(4, '0')}`;
}
