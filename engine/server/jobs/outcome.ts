/** The legacy API's view of a finished analysis: report rows and stats, taken from what the report shows. */
import type { AnalysisResult } from '../../pipeline/types.ts';
import { warningText } from '../../util/warnings.ts';
import { computeRunFacts, reportRows } from '../../report/index.ts';
import type { JobOutcome, ResultRow } from './types.ts';

export function jobOutcome(result: AnalysisResult): JobOutcome {
  const facts = computeRunFacts(result);
  const results: ResultRow[] = [];
  for (const row of reportRows(result)) {
    results.push({
      cluster_id: row.clusterId,
      cluster_name: row.clusterName ?? '',
      frequency: row.frequency,
      advice_code: row.advice,
      confidence: row.confidence,
      reason: row.reason,
      reference_article: row.article,
      original_text: row.text ?? '',
      row_type: 'SINGLE',
      parent_id: null,
    });
  }
  return {
    stats: {
      total_rows: facts.rows,
      unique_clusters: facts.clusters,
      reduction_percentage: facts.reductionPercent,
      multi_clause_count: 0,
      analysis_mode: result.settings.mode,
      advice_distribution: facts.adviceByRow,
    },
    results,
    warnings: result.warnings.map(warningText),
    exits: { ...result.counters.exits },
    signalEvaluations: { ...result.counters.signalEvaluations },
  };
}
