/** The printout of `clause-cascade bench`: both policies side by side, then the comparison. */
import { SIGNAL_IDS } from '../../config/settings.ts';
import { EXIT_REASONS } from '../../cascade/types.ts';
import { keyValueLines } from '../terminal.ts';
import type { BenchPolicyReport, BenchReport } from './run-bench.ts';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${x.toFixed(1)}%`;

function sideBySide(rows: readonly (readonly [string, string, string])[], heads: readonly [string, string, string]): string[] {
  const w0 = Math.max(...[heads, ...rows].map((r) => r[0].length));
  const w1 = Math.max(...[heads, ...rows].map((r) => r[1].length));
  const w2 = Math.max(...[heads, ...rows].map((r) => r[2].length));
  const line = (r: readonly [string, string, string]) => `  ${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(w2)}`;
  return [line(heads), `  ${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(w2)}`, ...rows.map(line)];
}

function policyRows(b: BenchPolicyReport, p: BenchPolicyReport): [string, string, string][] {
  const both = (label: string, get: (r: BenchPolicyReport) => string): [string, string, string] => [label, get(b), get(p)];
  const rows: [string, string, string][] = [
    both('Rows', (r) => String(r.rows)),
    both('Clusters', (r) => String(r.clusters)),
    both('Duration median (s)', (r) => f3(r.durationS.median)),
    both('Duration min–max (s)', (r) => `${f3(r.durationS.min)}–${f3(r.durationS.max)}`),
    both('Throughput (rows/s)', (r) => Math.round(r.throughputRowsPerS).toLocaleString('en-US')),
    both('  of which cluster (s)', (r) => f3((r.stageMedianMs.cluster ?? 0) / 1000)),
    both('  of which advise (s)', (r) => f3((r.stageMedianMs.advise ?? 0) / 1000)),
    both('Pairs compared (stage 1)', (r) => String(r.pairsCompared['cluster.stage1'])),
    both('Pairs compared (stage 2)', (r) => String(r.pairsCompared['cluster.stage2'])),
  ];
  for (const id of SIGNAL_IDS) {
    if (b.signalEvaluations[id] === 0 && p.signalEvaluations[id] === 0) continue;
    rows.push(both(`Evaluations ${id}`, (r) => String(r.signalEvaluations[id])));
  }
  rows.push(both('Evaluations total', (r) => String(r.totalSignalEvaluations)));
  if (b.signalsAvailable.includes('embeddings') || p.signalsAvailable.includes('embeddings')) {
    rows.push(both('Embedding inferences', (r) => String(r.embeddingInferences)));
    rows.push(both('Embedding batches', (r) => String(r.embeddingBatches)));
    rows.push(both('Embedding cache hits', (r) => String(r.embeddingCacheHits)));
  }
  for (const reason of EXIT_REASONS) {
    if (b.exits[reason] === 0 && p.exits[reason] === 0) continue;
    rows.push(both(`Exits ${reason}`, (r) => String(r.exits[reason])));
  }
  if (b.labels && p.labels) {
    rows.push(both('Precision (pairs vs Label)', (r) => r.labels!.precision.toFixed(4)));
    rows.push(both('Recall (pairs vs Label)', (r) => r.labels!.recall.toFixed(4)));
    rows.push(both('F1 (pairs vs Label)', (r) => r.labels!.f1.toFixed(4)));
  }
  rows.push(both('Same result every repeat', (r) => (r.repeatable ? 'yes' : 'NO')));
  return rows;
}

export function benchLines(report: BenchReport): string[] {
  const { dataset, settings, baseline, policy, comparison: c } = report;
  const source =
    dataset.source === 'generated' ? `${dataset.rows} generated rows (${dataset.style} style, seed ${dataset.seed})` : `${dataset.file} (${dataset.rows} rows)`;
  const search = settings.leaderSearch === 'window' ? `window (${settings.windowSize})` : settings.leaderSearch;
  const model =
    report.model === null
      ? 'not used in this mode'
      : 'unavailable' in report.model
        ? 'unavailable (see the warning)'
        : `${report.model.id} (${report.model.variant}), loaded once in ${Math.round(report.model.loadMs)} ms (not in the durations)`;
  const saved = Object.entries(c.signalEvaluationsSavedBySignal)
    .map(([id, p]) => `${id} ${pct(p)}`)
    .join(', ');
  const lines = [
    `clause-cascade bench: ${source}`,
    `  mode ${settings.mode}, leader search ${search}, accuracy ${settings.clusterAccuracy}, ${report.repeats} repeat${report.repeats === 1 ? '' : 's'} per policy after a ${report.warmupRows}-row warm-up`,
    `  signals: ${policy.signalsAvailable.join(', ')}; embedding model: ${model}`,
    '',
    ...sideBySide(policyRows(baseline, policy), ['', 'full (baseline)', policy.policy]),
    '',
    ...keyValueLines([
      [`Speedup (full / ${policy.policy}, medians)`, `${c.speedup.toFixed(2)}×`],
      ['Signal evaluations saved', `${pct(c.signalEvaluationsSavedPercent)}${saved ? ` (${saved})` : ''}`],
      ...(c.embeddingInferencesSavedPercent === null ? [] : ([['Embedding inferences saved', pct(c.embeddingInferencesSavedPercent)]] as [string, string][])),
      ['Adjusted Rand index (full vs policy)', c.adjustedRandIndex.toFixed(4)],
      ['Row pairs grouped in exactly one run', String(c.pairsTogetherInExactlyOne)],
      ['Rows whose cluster differs', String(c.rowsClusterDiffers)],
      ['Rows whose advice differs', String(c.rowsAdviceDiffers)],
      ['Peak RSS', `${Math.round(report.peakRssMb)} MB`],
      ['Machine', `${report.machine.cpuModel}, ${report.machine.cores} cores, Node ${report.machine.nodeVersion}`],
    ]),
  ];
  return lines;
}
