/**
 * What notebook cells see as `engine` (issue 5): the engine's public API plus the experiment helpers, with file
 * paths relative to the notebook's folder. Used by `clause-cascade notebook run` (and the VS Code kernel later).
 *
 *   engine.analyze(file, overrides?, { labelColumn? })  → { result, settings, partition, labels, scores }
 *       one analysis with cold-forked shared models; `scores` is the stage-1 score histogram (0.01 bins)
 *   engine.settings(overrides?)        → a complete, validated settings object (model paths relative to the notebook)
 *   engine.settingsTable(settings)     → arquero table of every setting: name, value, default
 *   engine.metrics.*                   → adjustedRandIndex, pairwiseScores, partitionDifferences, labelAgreement, …
 *   engine.charts.*                    → speedupChart, scoreDistributionChart, precisionRecallChart, thresholdRules
 *   engine.tables.*                    → summaryTable, labelTable, runsTable, compareTable (arquero)
 *   engine.runExperiment(config)       → ExperimentResults (in memory; nothing written)
 *   engine.aq                          → the arquero module
 *   engine.api                         → engine/index.ts as is (runAnalysis, resolveSettings, …)
 */
import { detectLabelColumn } from '../ingest/columns.ts';
import path from 'node:path';
import * as aq from 'arquero';
import * as api from '../index.ts';
import { resolveSettings, settingsToFlat, defaultSettings, type Settings } from '../config/settings.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import { precisionRecallChart, renderSvg, scoreDistributionChart, speedupChart } from './charts.ts';
import { parseExperimentConfig, resolveSettingPaths, type ExperimentPlan } from './config.ts';
import { generateRows } from '../generate/index.ts';
import * as metrics from './metrics.ts';
import type { CellScope } from './notebook-run.ts';
import { defaultResultsRoot, resultCharts, thresholdRules, type ExperimentResults } from './results.ts';
import { harnessAnalyzer, runExperiment, type ExperimentRunOptions } from './run.ts';
import { labelsOf, partitionOf, adviceOf } from './runner.ts';
import { compareTable, labelTable, runsTable, summaryTable } from './tables.ts';
import { flattenOverrides } from '../config/settings.ts';

export interface NotebookAnalysis {
  result: AnalysisResult;
  settings: Settings;
  partition: string[];
  advice: string[];
  labels: string[] | null;
  /** stage-1 score histogram: combined score and every signal, matches vs non-matches */
  scores: metrics.ScoreBin[];
}

/** The results root notebooks use for generated datasets: `results/` beside the notebook. */
export function notebookResultsRoot(baseDir: string): string {
  return defaultResultsRoot(path.join(baseDir, 'notebook'));
}

export function notebookEngine(baseDir: string) {
  const resolve = (file: string) => path.resolve(baseDir, file);
  const settings = (overrides: Record<string, unknown> = {}): Settings => resolveSettings(resolveSettingPaths(flattenOverrides(overrides), baseDir));
  return {
    api,
    aq,
    baseDir,
    resolve,
    settings,
    defaultSettings,
    /** One row per setting: name, value, default, and whether it differs from the default. */
    settingsTable(s: Settings) {
      const flat = settingsToFlat(s) as Record<string, unknown>;
      const defaults = settingsToFlat(defaultSettings()) as Record<string, unknown>;
      return aq.from(
        Object.keys(flat).map((name) => ({ setting: name, value: show(flat[name]), default: show(defaults[name]), changed: show(flat[name]) !== show(defaults[name]) })),
      );
    },
    async analyze(file: string, overrides: Record<string, unknown> = {}, options: { labelColumn?: string | null } = {}): Promise<NotebookAnalysis> {
      const s = settings(overrides);
      const harness = harnessAnalyzer([s]);
      try {
        const result = (await harness.analyzer({ policyFile: resolve(file), settings: s })) as AnalysisResult;
        const labels = await labelsOf(result, options.labelColumn === undefined ? detectLabel(result) : options.labelColumn);
        return { result, settings: s, partition: partitionOf(result), advice: adviceOf(result), labels, scores: harness.scoreHistogram(result, labels) };
      } finally {
        await harness.models.close();
      }
    },
    metrics,
    charts: { speedupChart, scoreDistributionChart, precisionRecallChart, thresholdRules, resultCharts, renderSvg },
    tables: { summaryTable, labelTable, runsTable, compareTable },
    generateRows,
    /** Runs an experiment config (an object as in a `*.experiment.json`) in memory. */
    async runExperiment(config: Record<string, unknown>, options: ExperimentRunOptions = {}): Promise<ExperimentResults> {
      const plan = parseExperimentConfig(config, baseDir);
      return (await runExperiment(plan, { resultsRoot: notebookResultsRoot(baseDir), ...options, write: false })).results;
    },
  };
}

export type NotebookEngine = ReturnType<typeof notebookEngine>;

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A `Label` column (any case) when the workbook has one. */
function detectLabel(result: AnalysisResult): string | null {
  return result.table.headers[detectLabelColumn(result.table.headers)] ?? null;
}

/**
 * What an experiment config cell does: run the plan in memory (nothing written), keep the complete results on
 * `ctx.experimentResults`, and show the differences against the baseline — a table without timings, so the cell's
 * output is the same on every run. Timings are for a later cell (`engine.tables.summaryTable(ctx.experimentResults)`).
 */
export function notebookExperimentRunner(baseDir: string, options: ExperimentRunOptions = {}) {
  return async (plan: ExperimentPlan, scope: CellScope): Promise<unknown> => {
    const { results } = await runExperiment(plan, {
      resultsRoot: notebookResultsRoot(baseDir),
      ...options,
      ...(scope.signal ? { signal: scope.signal } : {}),
      write: false,
    });
    scope.ctx.experimentResults = results;
    return differencesTable(results);
  };
}

/** Per variant: clusters and differences against the baseline, and F1 against the labels — no timings. */
export function differencesTable(results: ExperimentResults) {
  return aq.from(
    results.variants.map((v) => ({
      variant: v.name,
      policy: v.settings.policy,
      mode: v.settings.mode,
      accuracy: v.settings.clusterAccuracy,
      clusters_baseline: v.clusters.baseline,
      clusters_variant: v.clusters.variant,
      rows_cluster_differs: v.differences.rowsClusterDiffers,
      rows_advice_differs: v.differences.rowsAdviceDiffers,
      ari_vs_baseline: Number(v.differences.adjustedRandIndex.toFixed(4)),
      f1_labels_baseline: v.labels ? Number(v.labels.baseline.f1.toFixed(4)) : null,
      f1_labels_variant: v.labels ? Number(v.labels.variant.f1.toFixed(4)) : null,
      signal_evaluations_baseline: sum(v.counters.baseline.signalEvaluations),
      signal_evaluations_variant: sum(v.counters.variant.signalEvaluations),
    })),
  );
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
