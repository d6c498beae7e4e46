/**
 * Figures derived from an AnalysisResult that both the `Statistieken` sheet and the JSON summary show. They are
 * computed here once so the two outputs can never disagree.
 */
import { LABELS } from '../advise/labels.ts';
import { NVT } from '../cluster/types.ts';
import type { AnalysisResult } from '../pipeline/types.ts';


/** The advice vocabulary of SPEC §9.1, in the order counts are listed; custom `📋 …` labels follow, sorted. */
const LABEL_ORDER: readonly string[] = Object.values(LABELS);

export interface ResultCounts {
  rows: number;
  clusteredRows: number;
  nvtRows: number;
  clusters: number;
  singletonClusters: number;
}

export interface RunFacts extends ResultCounts {
  reductionPercent: number;
  /** label → number of clusters with that cluster advice. */
  adviceByCluster: Record<string, number>;
  /** label → number of rows showing that row advice. */
  adviceByRow: Record<string, number>;
  /** rule id → number of clusters whose cluster advice came from that rule. */
  ruleByCluster: Record<string, number>;
}

/**
 * `Math.trunc(100 × (1 − clusters / clusteredRows))`, 0 without clustered rows. Computed as
 * `100 × (clusteredRows − clusters) / clusteredRows` so that floating point cannot turn an exact 10 into 9.
 */
export function reductionPercent(clusters: number, clusteredRows: number): number {
  if (clusteredRows <= 0) return 0;
  return Math.trunc((100 * (clusteredRows - clusters)) / clusteredRows);
}

function compareLabels(a: string, b: string): number {
  const ia = LABEL_ORDER.indexOf(a);
  const ib = LABEL_ORDER.indexOf(b);
  if (ia !== ib) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

function countBy(keys: Iterable<string>, compare: (a: string, b: string) => number): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => compare(a, b)));
}

export function computeRunFacts(result: AnalysisResult): RunFacts {
  const rows = result.rows.length;
  const nvtRows = result.rows.filter((row) => row.clusterId === NVT).length;
  const clusteredRows = rows - nvtRows;
  const clusters = result.clusters.length;
  return {
    rows,
    clusteredRows,
    nvtRows,
    clusters,
    singletonClusters: result.clusters.filter((cluster) => cluster.rows.length === 1).length,
    reductionPercent: reductionPercent(clusters, clusteredRows),
    adviceByCluster: countBy(
      result.clusters.map((cluster) => cluster.advice.label),
      compareLabels,
    ),
    adviceByRow: countBy(
      result.rows.map((row) => row.advice.label),
      compareLabels,
    ),
    ruleByCluster: countBy(
      result.clusters.map((cluster) => cluster.advice.rule),
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    ),
  };
}

/**
 * The run fact of a partitioned run (Dutch, for the report and the JSON summary): into how many blocks the rows were
 * split, and that the result is not guaranteed to be the unsplit run's; null for an unsplit run.
 */
export function partitionNote(result: Pick<AnalysisResult, 'partitioning'>): string | null {
  const facts = result.partitioning;
  if (!facts) return null;
  return (
    `Gepartitioneerd: de rijen zijn verdeeld over ${facts.blocks} blokken (${facts.blockRows.map((n) => n.toLocaleString('nl-NL')).join(' / ')} rijen), ` +
    `elk blok is apart geclusterd en daarna zijn ${facts.mergedClusters} van de ${facts.blockClusters} blokclusters samengevoegd. ` +
    'Het resultaat is niet gegarandeerd gelijk aan dat van een analyse zonder partities.'
  );
}
