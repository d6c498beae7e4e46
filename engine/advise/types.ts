/** What the advice stage produces: clusters with their advice, the advice of every row, and what references it used. */
import type { Advice } from './labels.ts';

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
