/**
 * Data frames of experiment results (arquero): the tidy per-run table behind `runs.csv`, the per-variant summary
 * behind `summary.md`, and the side-by-side comparison of two result folders.
 */
import { from, type ColumnTable } from 'arquero';
import { STAGE_NAMES } from '../pipeline/types.ts';
import { speedupMeasurable } from './charts.ts';
import { speedupRange, type ExperimentResults, type RunRecord, type VariantResult } from './results.ts';

/** `exit.low` → `exit_low`: CSV- and arquero-friendly column names. */
function columnName(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9]+/g, '_');
}

/** Nested counter objects as flat `prefix_key` columns. */
export function flattenNumbers(value: unknown, prefix: string, into: Record<string, number> = {}): Record<string, number> {
  if (typeof value === 'number') into[prefix] = value;
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flattenNumbers(inner, prefix ? columnName(prefix, key) : columnName(key), into);
  }
  return into;
}


function runRow(run: RunRecord): Record<string, unknown> {
  const stages = Object.fromEntries(STAGE_NAMES.map((s) => [`${s}_ms`, run.timingsMs[s] ?? null]));
  return {
    experiment: run.experiment,
    variant: run.variant,
    role: run.role,
    repeat: run.repeat,
    wall_ms: run.wallMs,
    ...stages,
    rows: run.rows,
    clusters: run.clusters,
    ...flattenNumbers(run.counters, ''),
  };
}

/** One row per measured run (tidy: every observation a row, every measure a column). */
export function runsTable(results: ExperimentResults): ColumnTable {
  return from(results.runs.map(runRow));
}

export function runsCsv(results: ExperimentResults): string {
  const table = runsTable(results);
  return table.numRows() === 0 ? '' : `${table.toCSV()}\n`;
}

const round = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

function summaryRow(v: VariantResult): Record<string, unknown> {
  const d = v.differences;
  const range = speedupRange(v);
  return {
    variant: v.name,
    mode: v.settings.mode,
    policy: v.settings.policy,
    leaderSearch: v.settings.leaderSearch,
    accuracy: v.settings.clusterAccuracy,
    rows: v.rows,
    clusters_baseline: v.clusters.baseline,
    clusters_variant: v.clusters.variant,
    baseline_ms: round(v.timing.baseline.wall?.median, 1),
    variant_ms: round(v.timing.variant.wall?.median, 1),
    speedup: speedupMeasurable(range) ? round(v.speedup, 2) : 'no measurable difference',
    speedup_range: 'low' in range ? `${range.low.toFixed(2)}–${range.high.toFixed(2)}` : '',
    repeats: v.speedupInterval?.repeats ?? v.timing.variant.wall?.n ?? 0,
    interval_within_target: v.speedupInterval?.precise ?? '',
    rows_cluster_differs: d.rowsClusterDiffers,
    rows_advice_differs: d.rowsAdviceDiffers,
    pairs_in_one_only: d.pairsTogetherInExactlyOne,
    ari: round(d.adjustedRandIndex, 4),
    pair_precision: round(d.pairwise.precision, 4),
    pair_recall: round(d.pairwise.recall, 4),
    pair_f1: round(d.pairwise.f1, 4),
    label_f1_baseline: v.labels ? round(v.labels.baseline.f1, 4) : null,
    label_f1_variant: v.labels ? round(v.labels.variant.f1, 4) : null,
    deterministic: v.deterministic,
  };
}

/** Pairwise precision, recall and F1 against the labels of the baseline and each variant; null without labels. */
export function labelTable(results: ExperimentResults): ColumnTable | null {
  const withLabels = results.variants.filter((v) => v.labels);
  if (withLabels.length === 0) return null;
  return from(
    withLabels.map((v) => ({
      variant: v.name,
      baseline_precision: round(v.labels!.baseline.precision, 4),
      baseline_recall: round(v.labels!.baseline.recall, 4),
      baseline_f1: round(v.labels!.baseline.f1, 4),
      baseline_ari: round(v.labels!.baseline.adjustedRandIndex, 4),
      variant_precision: round(v.labels!.variant.precision, 4),
      variant_recall: round(v.labels!.variant.recall, 4),
      variant_f1: round(v.labels!.variant.f1, 4),
      variant_ari: round(v.labels!.variant.adjustedRandIndex, 4),
    })),
  );
}

/** One row per variant: speedup, differences against the baseline, agreement with labels. */
export function summaryTable(results: ExperimentResults): ColumnTable {
  return from(results.variants.map(summaryRow));
}

function repeatsText(e: ExperimentResults['experiment']): string {
  if (e.precision === undefined || e.precision === null) return `${e.repeats} repeats`;
  const percent = `±${Number((e.precision * 100).toFixed(1))}%`;
  return `${e.repeats} to ${e.maxRepeats} repeats, until each speedup's 95% interval is within ${percent} (column interval_within_target: false where the cap was reached first)`;
}

export function summaryMarkdown(results: ExperimentResults): string {
  const { experiment: e, machine: m } = results;
  const lines = [
    `# ${e.name}`,
    '',
    ...(e.description ? [e.description, ''] : []),
    `Dataset: ${e.dataset.workbook ?? `generated, ${e.dataset.generate!.rows} rows, seed ${e.dataset.generate!.seed}, style ${e.dataset.generate!.style}`}; ` +
      `${repeatsText(e)}${e.warmup ? ' after a warm-up' : ''}; speedup = the median over the repeats of baseline / variant wall time of the same repeat, ` +
      `with its 95% confidence interval (the range of the ratios below 6 repeats); "no measurable difference" when it includes 1.`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.os}, Node ${m.nodeVersion}, engine ${m.engineVersion}${m.gitCommit ? ` (${m.gitCommit.slice(0, 12)})` : ''}. ` +
      `Started ${results.startedAt}.`,
    '',
    '## Speed and differences against the baseline',
    '',
    summaryTable(results).toMarkdown(),
  ];
  const labels = labelTable(results);
  if (labels) lines.push('', `## Pairwise agreement with the labels (${e.dataset.labelColumn})`, '', labels.toMarkdown());
  const models = results.models ?? [];
  if (models.length > 0) {
    lines.push('', '## Embedding models', '');
    for (const m of models) {
      lines.push(`- ${m.model}: ${m.unavailable ? `unavailable — ${m.unavailable}` : `${m.variant}, loaded once in ${Math.round(m.loadMs)} ms (not in the timings); every run started cold`}`);
    }
  }
  const warnings = results.warnings ?? [];
  if (warnings.length > 0) lines.push('', '## Warnings', '', ...warnings.map((w) => `- ${w}`));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Two runs side by side per variant (`experiment compare <run> <run>`), columns suffixed `_a` and `_b`. */
export function compareTable(a: ExperimentResults, b: ExperimentResults): ColumnTable {
  const pick = (r: ExperimentResults) =>
    summaryTable(r).select('variant', 'clusters_variant', 'variant_ms', 'speedup', 'rows_cluster_differs', 'rows_advice_differs', 'ari', 'label_f1_variant');
  return pick(a).join_full(pick(b), 'variant', undefined, { suffix: ['_a', '_b'] });
}

export function compareMarkdown(a: ExperimentResults, b: ExperimentResults): string {
  return [
    `# ${a.experiment.name} (a) vs ${b.experiment.name} (b)`,
    '',
    `a: ${a.startedAt}, ${a.machine.cpuModel}, engine ${a.machine.engineVersion}`,
    `b: ${b.startedAt}, ${b.machine.cpuModel}, engine ${b.machine.engineVersion}`,
    '',
    compareTable(a, b).toMarkdown(),
  ].join('\n').trimEnd() + '\n';
}
