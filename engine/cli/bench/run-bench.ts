/**
 * The benchmark of SPEC §13.2 as a function (`runBench`), separate from printing so the experiment harness and the
 * tests can call it. It generates (or reads) a labeled dataset, loads the embedding model once (load time reported
 * apart), warms up on the first rows, then runs the `full` baseline and the chosen policy in the same process,
 * alternating, `repeats` times each, every run with fresh in-memory caches and no disk embedding cache. Everything
 * stays in memory: runAnalysis, no report files (the dataset is written once to a temporary CSV for ingest).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings, SignalId } from '../../config/settings.ts';
import { enabledSignals, SIGNAL_IDS } from '../../config/settings.ts';
import { warningText } from '../../util/warnings.ts';
import { labelAgreement, partitionDifferences, rowsWithDifferentAdvice, spread, type LabelAgreement, type Spread } from '../../experiment/metrics.ts';
import { machineFacts, type MachineFacts } from '../../experiment/machine.ts';
import { generateRows, writeGeneratedWorkbook, type GeneratorStyle } from '../../generate/index.ts';
import { detectLabelColumn } from '../../ingest/columns.ts';
import { readTable, readTableColumn } from '../../ingest/index.ts';
import { runAnalysis } from '../../pipeline/analyze.ts';
import type { Logger } from '../../util/log.ts';
import { engineVersion } from '../../util/version.ts';
import type { AnalysisResult, StageName } from '../../pipeline/types.ts';
import type { Counters, ExitReason } from '../../cascade/types.ts';
import { throwIfCancelled } from '../../util/errors.ts';
import { UsageError } from '../../util/errors.ts';
import { csvBytes } from '../output-file.ts';
import { loadSharedModel } from './embeddings.ts';

export type BenchPolicy = 'seed' | 'lossless';
export type BenchRole = 'baseline' | 'policy';

export interface BenchOptions {
  /** Settings of the measured policy (`seed` or `lossless`); the baseline is the same with policy `full`. */
  settings: Settings;
  /** Rows to generate (ignored with `input`). */
  rows: number;
  seed: number;
  style: GeneratorStyle;
  /** A labeled workbook to benchmark instead of generated rows. */
  input?: string;
  repeats: number;
  warmupRows?: number;
  signal?: AbortSignal;
  logger?: Logger;
  /** Called after each measured or warm-up run. */
  onRun?: (event: { role: BenchRole; policy: string; repeat: number | 'warmup'; durationMs: number }) => void;
}

export interface BenchRunRecord {
  role: BenchRole;
  policy: string;
  repeat: number;
  /** Analysis time (timingsMs.total: ingest through advice). */
  durationMs: number;
  /** The runAnalysis call as measured from outside. */
  wallMs: number;
  /** Model reloads when a fresh provider could not share the loaded model (not included in durationMs). */
  extraLoadMs: number;
}

export interface BenchPolicyReport {
  policy: string;
  rows: number;
  clusteredRows: number;
  clusters: number;
  durationS: Spread;
  throughputRowsPerS: number;
  stageMedianMs: Partial<Record<StageName, number>>;
  pairsCompared: Counters['pairsCompared'];
  signalEvaluations: Record<SignalId, number>;
  totalSignalEvaluations: number;
  embeddingInferences: number;
  embeddingBatches: number;
  embeddingCacheHits: number;
  exits: Record<ExitReason, number>;
  /** Pairwise P/R/F1 and ARI against the Label column; null without one. */
  labels: LabelAgreement | null;
  /** Every repeat gave the same clusters and counters. */
  repeatable: boolean;
  signalsAvailable: SignalId[];
}

export interface BenchComparison {
  /** baseline median duration / policy median duration */
  speedup: number;
  signalEvaluationsSavedPercent: number;
  signalEvaluationsSavedBySignal: Partial<Record<SignalId, number>>;
  embeddingInferencesSavedPercent: number | null;
  adjustedRandIndex: number;
  pairsTogetherInExactlyOne: number;
  rowsClusterDiffers: number;
  rowsAdviceDiffers: number;
}

export interface BenchReport {
  engineVersion: string;
  startedAt: string;
  dataset: { source: 'generated' | 'file'; file: string | null; style: GeneratorStyle | null; seed: number | null; rows: number; labelColumn: string | null };
  settings: Settings;
  model: { id: string; variant: string; loadMs: number } | { unavailable: string; loadMs: number } | null;
  warmupRows: number;
  repeats: number;
  baseline: BenchPolicyReport;
  policy: BenchPolicyReport;
  comparison: BenchComparison;
  runs: BenchRunRecord[];
  peakRssMb: number;
  machine: MachineFacts;
  warnings: string[];
}

const DEFAULT_WARMUP_ROWS = 10;

function withPolicy(settings: Settings, policy: Settings['policy']): Settings {
  const copy = structuredClone(settings);
  copy.policy = policy;
  copy.embeddings.diskCache = false;
  return copy;
}

const adviceKey = (r: AnalysisResult['rows'][number]) => `${r.advice.label}\u0000${r.advice.confidence}\u0000${r.advice.reason}\u0000${r.advice.article}`;
const partitionOf = (r: AnalysisResult) => r.rows.map((row) => row.clusterId);
const fingerprint = (r: AnalysisResult) => JSON.stringify([partitionOf(r), r.counters.signalEvaluations, r.counters.exits, r.counters.embeddingInferences]);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function policyReport(policy: string, last: AnalysisResult, durations: number[], timings: AnalysisResult['timingsMs'][], fingerprints: string[]): Promise<BenchPolicyReport> {
  const labelIndex = detectLabelColumn(last.table.headers);
  const labels = labelIndex >= 0 ? await readTableColumn(last.table, last.rows.length, labelIndex) : null;
  const durationS = spread(durations.map((ms) => ms / 1000));
  const stageMedianMs: Partial<Record<StageName, number>> = {};
  for (const stage of ['ingest', 'normalise', 'prepareSignals', 'cluster', 'advise', 'total'] as const) {
    const values = timings.map((t) => t[stage]).filter((v): v is number => v !== undefined);
    if (values.length > 0) stageMedianMs[stage] = spread(values).median;
  }
  const rows = last.rows.length;
  const nvt = last.rows.filter((r) => r.clusterId === 'NVT').length;
  return {
    policy,
    rows,
    clusteredRows: rows - nvt,
    clusters: last.clusters.length,
    durationS,
    throughputRowsPerS: durationS.median > 0 ? rows / durationS.median : Number.POSITIVE_INFINITY,
    stageMedianMs,
    pairsCompared: { ...last.counters.pairsCompared },
    signalEvaluations: { ...last.counters.signalEvaluations },
    totalSignalEvaluations: sum(last.counters.signalEvaluations),
    embeddingInferences: last.counters.embeddingInferences,
    embeddingBatches: last.counters.embeddingBatches,
    embeddingCacheHits: last.counters.embeddingCacheHits,
    exits: { ...last.counters.exits },
    labels: labels ? labelAgreement(partitionOf(last), labels) : null,
    repeatable: fingerprints.every((f) => f === fingerprints[0]),
    signalsAvailable: [...last.signals.available],
  };
}

function savedPercent(baseline: number, policy: number): number {
  return baseline === 0 ? 0 : (100 * (baseline - policy)) / baseline;
}

function compare(baseline: AnalysisResult, policy: AnalysisResult, b: BenchPolicyReport, p: BenchPolicyReport): BenchComparison {
  const differences = partitionDifferences(partitionOf(baseline), partitionOf(policy));
  const bySignal: Partial<Record<SignalId, number>> = {};
  for (const id of SIGNAL_IDS) if (b.signalEvaluations[id] > 0) bySignal[id] = savedPercent(b.signalEvaluations[id], p.signalEvaluations[id]);
  return {
    speedup: b.durationS.median / p.durationS.median,
    signalEvaluationsSavedPercent: savedPercent(b.totalSignalEvaluations, p.totalSignalEvaluations),
    signalEvaluationsSavedBySignal: bySignal,
    embeddingInferencesSavedPercent: b.embeddingInferences > 0 ? savedPercent(b.embeddingInferences, p.embeddingInferences) : null,
    adjustedRandIndex: differences.adjustedRandIndex,
    pairsTogetherInExactlyOne: differences.pairsTogetherInExactlyOne,
    rowsClusterDiffers: differences.rowsClusterDiffers,
    rowsAdviceDiffers: rowsWithDifferentAdvice(baseline.rows.map(adviceKey), policy.rows.map(adviceKey)).length,
  };
}

interface Dataset {
  file: string;
  warmupFile: string;
  info: BenchReport['dataset'];
}

async function prepareDataset(options: BenchOptions, tempDir: string, warmupRows: number): Promise<Dataset> {
  const warmupFile = path.join(tempDir, 'warmup.csv');
  if (options.input) {
    const table = await readTable(options.input, options.settings.input.sheet);
    await fs.writeFile(warmupFile, csvBytes(table.headers, table.rows.slice(0, warmupRows).map((r) => r.cells)));
    const label = detectLabelColumn(table.headers);
    return {
      file: options.input,
      warmupFile,
      info: { source: 'file', file: path.resolve(options.input), style: null, seed: null, rows: table.rows.length, labelColumn: label >= 0 ? table.headers[label]! : null },
    };
  }
  const rows = generateRows({ rows: options.rows, seed: options.seed, style: options.style });
  const file = path.join(tempDir, `bench-${options.style}-${options.seed}-${options.rows}.csv`);
  await writeGeneratedWorkbook(rows, file);
  await writeGeneratedWorkbook(rows.slice(0, warmupRows), warmupFile);
  return { file, warmupFile, info: { source: 'generated', file: null, style: options.style, seed: options.seed, rows: rows.length, labelColumn: 'Label' } };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  if (options.settings.policy === 'full') throw new UsageError('bench compares a policy with the full baseline; choose --policy seed or lossless.');
  if (!Number.isSafeInteger(options.repeats) || options.repeats < 1) throw new UsageError(`--repeats must be a whole number of 1 or more (got ${options.repeats}).`);
  const startedAt = new Date().toISOString();
  const warmupRows = options.warmupRows ?? DEFAULT_WARMUP_ROWS;
  const logger: Logger = options.logger ?? (() => {});
  const policySettings = withPolicy(options.settings, options.settings.policy);
  const baselineSettings = withPolicy(options.settings, 'full');
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clause-cascade-bench-'));
  const model = await loadSharedModel(policySettings, (level, message) => logger(level, message));
  try {
    const dataset = await prepareDataset(options, tempDir, warmupRows);
    const needsModel = enabledSignals(policySettings).includes('embeddings');
    const runOnce = async (settings: Settings, file: string) => {
      const { embeddings, extraLoadMs } = await model.forRun();
      const t0 = performance.now();
      const result = await runAnalysis({ policyFile: file, settings }, { signal: options.signal, logger, embeddings: needsModel ? embeddings : undefined });
      return { result, wallMs: performance.now() - t0, extraLoadMs };
    };

    // Warm-up: JIT, stemmer memo, model session; its figures are not kept.
    for (const [role, settings] of [['baseline', baselineSettings], ['policy', policySettings]] as const) {
      const { result } = await runOnce(settings, dataset.warmupFile);
      options.onRun?.({ role, policy: settings.policy, repeat: 'warmup', durationMs: result.timingsMs.total ?? 0 });
    }

    // Only the latest result per side is kept (memory at 100,000 rows); earlier repeats leave their timings and a
    // fingerprint of their clusters and counters for the repeatability check.
    const latest: Partial<Record<BenchRole, AnalysisResult>> = {};
    const durations: Record<BenchRole, number[]> = { baseline: [], policy: [] };
    const timings: Record<BenchRole, AnalysisResult['timingsMs'][]> = { baseline: [], policy: [] };
    const fingerprints: Record<BenchRole, string[]> = { baseline: [], policy: [] };
    const runs: BenchRunRecord[] = [];
    for (let repeat = 1; repeat <= options.repeats; repeat++) {
      // Alternate which runs first, so drift (heat, other load) does not favour one side.
      const order: BenchRole[] = repeat % 2 === 1 ? ['baseline', 'policy'] : ['policy', 'baseline'];
      for (const role of order) {
        throwIfCancelled(options.signal);
        const settings = role === 'baseline' ? baselineSettings : policySettings;
        const { result, wallMs, extraLoadMs } = await runOnce(settings, dataset.file);
        const durationMs = result.timingsMs.total ?? wallMs;
        latest[role] = result;
        durations[role].push(durationMs);
        timings[role].push(result.timingsMs);
        fingerprints[role].push(fingerprint(result));
        runs.push({ role, policy: settings.policy, repeat, durationMs, wallMs, extraLoadMs });
        options.onRun?.({ role, policy: settings.policy, repeat, durationMs });
      }
    }

    const lastBaseline = latest.baseline!;
    const lastPolicy = latest.policy!;
    const baseline = await policyReport('full', lastBaseline, durations.baseline, timings.baseline, fingerprints.baseline);
    const policy = await policyReport(policySettings.policy, lastPolicy, durations.policy, timings.policy, fingerprints.policy);
    const load = model.load;
    return {
      engineVersion: engineVersion(),
      startedAt,
      dataset: dataset.info,
      settings: policySettings,
      model: !needsModel
        ? null
        : load.available
          ? { id: load.provider.modelId, variant: load.provider.variant, loadMs: model.loadMs }
          : { unavailable: load.reason, loadMs: model.loadMs },
      warmupRows,
      repeats: options.repeats,
      baseline,
      policy,
      comparison: compare(lastBaseline, lastPolicy, baseline, policy),
      runs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      machine: machineFacts(),
      warnings: [...new Set([...lastBaseline.warnings, ...lastPolicy.warnings].map(warningText))],
    };
  } finally {
    await model.close();
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}
