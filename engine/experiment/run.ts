/**
 * The experiment harness end to end (SPEC §13.3): config → dataset → analyses → results folder.
 *
 *   loadExperimentConfig → the dataset (a workbook, or generated rows written once to a deterministic CSV under
 *   `<results root>/.datasets/`) → `runVariants` with the real engine (`runAnalysis`, embedding models loaded once
 *   per distinct model and forked cold for every run, no disk vector cache) and the baseline's stage-1 score
 *   histogram → `assembleResults` + machine facts → `createResultsFolder` + `writeResults`.
 *
 * The score histogram comes from `observePairs` on the first analysis with each distinct baseline settings (the
 * warm-up when there is one, else the first measured baseline run; runs are deterministic, so every run of those
 * settings sees the same pairs). Per stage-1 row–leader evaluation it counts the combined score (the record's
 * `lower` when the score is exact — always for `full`) and every signal's value, split into matches and non-matches:
 * by the label column when the dataset has one, else by the baseline's own decision (same cluster or not).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CancelledError } from '../util/errors.ts';
import { NVT } from '../cluster/types.ts';
import type { Settings } from '../config/settings.ts';
import { generateRows, toCsv } from '../generate/index.ts';
import { runAnalysis } from '../pipeline/analyze.ts';
import type { Logger } from '../util/log.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { warningText } from '../util/warnings.ts';
import { headerIndex } from '../ingest/columns.ts';
import { readTable } from '../ingest/index.ts';
import { ExperimentConfigError, loadExperimentConfig, type DatasetPlan, type ExperimentPlan, type ParseOptions } from './config.ts';
import { machineFacts, type MachineFacts } from './machine.ts';
import { scoreHistogram, type ScoreBin } from './metrics.ts';
import { createSharedModels, type ModelFact, type SharedModels } from './models.ts';
import { assembleResults, createResultsFolder, defaultResultsRoot, type ExperimentResults, type VariantResult } from './results.ts';
import { writeResults } from './results-writer.ts';
import { runVariants, type AnalysisOutcome, type Analyzer, type ExperimentProgress } from './runner.ts';

export const DATASETS_FOLDER = '.datasets';
/** Stage-1 evaluations kept per baseline for the histogram; beyond this the rest is not counted (noted in warnings). */
export const MAX_OBSERVED_PAIRS = 2_000_000;
export const COMBINED_SIGNAL = 'combined';

export type HarnessProgress =
  | ExperimentProgress
  | { type: 'experiment'; name: string; variants: number; repeats: number; policyFile: string; rows: number | null }
  | { type: 'written'; name: string; resultsDir: string; files: string[] };

export interface ExperimentRunOptions {
  signal?: AbortSignal;
  onProgress?: (event: HarnessProgress) => void;
  logger?: Logger;
  /** where `<experiment>/<timestamp>/` and `.datasets/` go (default: `results/` beside the config file) */
  resultsRoot?: string;
  /** write the results folder (default true); notebooks keep results in memory */
  write?: boolean;
  machine?: MachineFacts;
}

export interface ExperimentOutcome {
  resultsDir: string | null;
  files: string[];
  results: ExperimentResults;
}

/** The CSV a generated dataset is written to: the same path (and bytes) for the same generator parameters. */
export function generatedDatasetPath(root: string, generate: NonNullable<DatasetPlan['generate']>): string {
  return path.join(root, DATASETS_FOLDER, `${generate.style}-seed${generate.seed}-${generate.rows}.csv`);
}

/**
 * The workbook to analyse: the configured one, or the generated rows written to their deterministic path. An
 * existing file is reused when its bytes are what the generator makes now (and rewritten otherwise).
 */
export async function prepareDataset(plan: ExperimentPlan, resultsRoot: string): Promise<string> {
  if (plan.dataset.workbook) {
    await checkLabelColumn(plan);
    return plan.dataset.workbook;
  }
  const generate = plan.dataset.generate!;
  const file = generatedDatasetPath(resultsRoot, generate);
  const bytes = toCsv(generateRows({ rows: generate.rows, seed: generate.seed, style: generate.style }));
  const existing = await fs.readFile(file).catch(() => null);
  if (existing && Buffer.compare(existing, Buffer.from(bytes)) === 0) return file;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes);
  return file;
}

/** A missing label column fails before any run, naming the columns there are. */
async function checkLabelColumn(plan: ExperimentPlan): Promise<void> {
  const { workbook, labelColumn } = plan.dataset;
  if (!workbook || labelColumn === null) return;
  const table = await readTable(workbook, plan.variants[0]?.settings.input.sheet);
  if (headerIndex(table.headers, labelColumn) < 0) {
    throw new ExperimentConfigError('dataset.labelColumn', `column ${JSON.stringify(labelColumn)} not found in ${workbook}; columns: ${table.headers.join(', ')}.`, plan.configFile ?? undefined);
  }
}

/** One stage-1 evaluation, reduced to what the histogram needs. */
interface ObservedScore {
  row: number;
  leader: number;
  signals: string[];
  values: number[];
  combined: number | null;
}

export interface HarnessAnalyzer {
  analyzer: Analyzer;
  /** the stage-1 score histogram for a baseline outcome (see the module comment) */
  scoreHistogram: (baseline: AnalysisOutcome, labels: string[] | null) => ScoreBin[];
  models: SharedModels;
  warnings: () => string[];
}

const settingsKey = (settings: Settings) => JSON.stringify(settings);

/**
 * `runAnalysis` for the harness: shared cold-forked embedding models, warnings collected, and pair observation on
 * the first run of each settings object listed in `observeSettings`.
 */
export function harnessAnalyzer(observeSettings: readonly Settings[], logger?: Logger): HarnessAnalyzer {
  const models = createSharedModels(logger);
  const wanted = new Set(observeSettings.map(settingsKey));
  const observed = new Map<string, { scores: ObservedScore[]; truncated: boolean }>();
  const warnings = new Set<string>();
  const analyzer: Analyzer = async (request, options = {}) => {
    const key = settingsKey(request.settings);
    let sink: { scores: ObservedScore[]; truncated: boolean } | null = null;
    if (wanted.has(key) && !observed.has(key)) {
      sink = { scores: [], truncated: false };
    }
    const embeddings = await models.forRun(request.settings);
    const result = await runAnalysis(request, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(logger ? { logger } : {}),
      ...(embeddings ? { embeddings } : {}),
      ...(sink
        ? {
            observePairs: ({ stage, row, leader, record }) => {
              if (stage !== 1) return;
              if (sink!.scores.length >= MAX_OBSERVED_PAIRS) {
                sink!.truncated = true;
                return;
              }
              sink!.scores.push({ row, leader, signals: [...record.signals], values: [...record.values], combined: record.exact ? record.lower : null });
            },
          }
        : {}),
    });
    if (sink) observed.set(key, sink);
    for (const w of result.warnings) warnings.add(warningText(w));
    return result;
  };
  const histogram = (baseline: AnalysisOutcome, labels: string[] | null): ScoreBin[] => {
    const settings = (baseline as Partial<AnalysisResult>).settings;
    const seen = settings ? observed.get(settingsKey(settings)) : undefined;
    if (!seen) return [];
    if (seen.truncated) warnings.add(`Score histogram: only the first ${MAX_OBSERVED_PAIRS} stage-1 evaluations were counted.`);
    // record index → result row index (rows are in record order, but do not rely on it)
    const indexOf = new Map<number, number>();
    baseline.rows.forEach((r, i) => indexOf.set(r.rowNumber - 1, i));
    const groupOf = (record: number): string | null => {
      const i = indexOf.get(record);
      if (i === undefined) return null;
      const id = labels ? labels[i] : baseline.rows[i]!.clusterId;
      return id === undefined || id.trim() === '' || (!labels && id === NVT) ? null : id;
    };
    return scoreHistogram(
      (function* () {
        for (const s of seen.scores) {
          const a = groupOf(s.row);
          const b = groupOf(s.leader);
          const match = a !== null && a === b;
          if (s.combined !== null) yield { signal: COMBINED_SIGNAL, score: s.combined, match };
          for (let i = 0; i < s.signals.length; i++) yield { signal: s.signals[i]!, score: s.values[i]!, match };
        }
      })(),
    );
  };
  return { analyzer, scoreHistogram: histogram, models, warnings: () => [...warnings] };
}

/**
 * A full garbage collection, so one run's garbage is not collected during the next run's measured time. Node
 * exposes `gc` only with --expose-gc; the flag can be set at run time, and a fresh context then sees the function.
 */
export function collectGarbage(): void {
  gcFunction ??= (() => {
    try {
      v8.setFlagsFromString('--expose-gc');
      return vm.runInNewContext('gc') as () => void;
    } catch {
      return () => undefined;
    }
  })();
  gcFunction();
}
let gcFunction: (() => void) | undefined;

/**
 * Runs every distinct settings object of the plan once, unmeasured, before any measured run: JIT-compiles every code
 * path the variants take (so the first variant is not measured against a cold engine) and records the baselines'
 * stage-1 scores for the histograms.
 */
async function processWarmup(plan: ExperimentPlan, analyzer: Analyzer, policyFile: string, signal: AbortSignal | undefined): Promise<void> {
  const seen = new Set<string>();
  for (const v of plan.variants) {
    for (const settings of [v.baselineSettings, v.settings]) {
      const key = settingsKey(settings);
      if (seen.has(key)) continue;
      seen.add(key);
      if (signal?.aborted) throw new CancelledError('Experiment cancelled');
      const { conditions, library, instructions } = plan.dataset;
      await analyzer(
        {
          policyFile,
          settings,
          ...(conditions.length ? { conditions } : {}),
          ...(library.length ? { libraries: library } : {}),
          ...(instructions ? { instructions } : {}),
        },
        signal ? { signal } : {},
      );
    }
  }
}

const fmt = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** The progress line of a finished variant. */
export function variantLine(result: VariantResult, index: number, of: number): string {
  const d = result.differences;
  const b = result.timing.baseline.wall?.median ?? NaN;
  const v = result.timing.variant.wall?.median ?? NaN;
  const labels = result.labels ? `; F1 vs labels ${fmt(result.labels.baseline.f1, 4)} → ${fmt(result.labels.variant.f1, 4)}` : '';
  const i = result.speedupInterval;
  const interval = i ? `, 95% interval ${fmt(i.low, 2)}–${fmt(i.high, 2)} over ${i.repeats} repeats${i.precise === false ? ' (wider than asked)' : ''}` : '';
  return (
    `  [${index + 1}/${of}] ${result.name}: ${fmt(result.speedup, 2)}×${interval} (baseline ${fmt(b, 0)} ms, variant ${fmt(v, 0)} ms); ` +
    `clusters ${result.clusters.baseline} → ${result.clusters.variant}; rows differing ${d.rowsClusterDiffers} (advice ${d.rowsAdviceDiffers}); ` +
    `ARI ${fmt(d.adjustedRandIndex, 4)}${labels}${result.deterministic ? '' : '; NOT deterministic'}`
  );
}

function rowCount(plan: ExperimentPlan): number | null {
  return plan.dataset.generate?.rows ?? null;
}

/** Runs a validated plan with the real engine; writes the results folder unless `write: false`. */
export async function runExperiment(plan: ExperimentPlan, options: ExperimentRunOptions = {}): Promise<ExperimentOutcome> {
  const root = options.resultsRoot ?? defaultResultsRoot(plan.configFile);
  const policyFile = await prepareDataset(plan, root);
  options.onProgress?.({ type: 'experiment', name: plan.name, variants: plan.variants.length, repeats: plan.repeats, policyFile, rows: rowCount(plan) });
  const harness = harnessAnalyzer(
    plan.variants.map((v) => v.baselineSettings),
    options.logger,
  );
  let run;
  try {
    if (plan.warmup) await processWarmup(plan, harness.analyzer, policyFile, options.signal);
    run = await runVariants(plan, harness.analyzer, {
      policyFile,
      beforeRun: collectGarbage,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      scoreHistogram: harness.scoreHistogram,
    });
  } finally {
    await harness.models.close();
  }
  const results: ExperimentResults = {
    ...assembleResults(plan, run, options.machine ?? machineFacts()),
    models: harness.models.facts(),
    warnings: harness.warnings(),
  };
  if (options.write === false) return { resultsDir: null, files: [], results };
  const resultsDir = await createResultsFolder(root, plan.name, new Date(run.startedAt));
  const files = await writeResults(resultsDir, results);
  options.onProgress?.({ type: 'written', name: plan.name, resultsDir, files });
  return { resultsDir, files, results };
}

/** Reads, validates and runs one `*.experiment.json` file. */
export async function runExperimentFile(configFile: string, options: ExperimentRunOptions & { config?: ParseOptions } = {}): Promise<ExperimentOutcome> {
  const plan = await loadExperimentConfig(configFile, options.config);
  return runExperiment(plan, options);
}

export type { ModelFact };
