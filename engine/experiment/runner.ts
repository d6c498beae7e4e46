/**
 * The measuring core of the experiment harness (SPEC §13.3): for each variant, run it and its baseline in the same
 * process, alternating, after a warm-up; summarise stage timings (median and spread), compute speedup, and compare
 * the variant's clusters and advice with the baseline's (and both with the labels when the dataset has them).
 *
 * The engine is injected as an `Analyzer`, so this module knows nothing of how an analysis is computed. In
 * production it is `runAnalysis` of engine/pipeline/analyze.ts, or a closure over it that passes one shared
 * embedding provider so models load once: `(request, options) => runAnalysis(request, { ...options, embeddings })`.
 */
import { headerIndex } from '../ingest/columns.ts';
import type { Settings } from '../config/settings.ts';
import { readTableColumn } from '../ingest/index.ts';
import { STAGE_NAMES, type AnalysisResult, type ProgressEvent, type StageName } from '../pipeline/types.ts';
import { CancelledError, InputError } from '../util/errors.ts';
import type { ExperimentPlan, VariantPlan } from './config.ts';
import { labelAgreement, median, medianInterval, partitionDifferences, rowsWithDifferentAdvice, rowsWithDifferentCluster, spread, type Partition, type ScoreBin } from './metrics.ts';
import type { RunRecord, RunRole, StageSpreads, VariantResult } from './results.ts';

export interface AnalysisRequest {
  policyFile: string;
  conditions?: string[];
  libraries?: string[];
  instructions?: string;
  settings: Settings;
}

export interface AnalyzerOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/** What the harness reads from an analysis; `AnalysisResult` satisfies it. */
export type AnalysisOutcome = Pick<AnalysisResult, 'rows' | 'clusters' | 'counters' | 'timingsMs' | 'table'>;

export type Analyzer = (request: AnalysisRequest, options?: AnalyzerOptions) => Promise<AnalysisOutcome>;

export type ExperimentProgress =
  | { type: 'run'; variant: string; role: RunRole; repeat: number | 'warmup'; wallMs: number }
  | { type: 'variant'; variant: string; index: number; of: number; result: VariantResult };

export interface RunVariantsOptions {
  /** the workbook to analyse; required for generated datasets (the caller generates it), else dataset.workbook */
  policyFile?: string;
  signal?: AbortSignal;
  onProgress?: (event: ExperimentProgress) => void;
  /** milliseconds, monotonic; injectable for tests */
  clock?: () => number;
  /** called before each run, outside the measured time (the harness collects garbage here) */
  beforeRun?: () => void | Promise<void>;
  /** the baseline's score histogram (0.01 bins, matches vs non-matches), when the engine can provide it */
  scoreHistogram?: (baseline: AnalysisOutcome, labels: string[] | null) => ScoreBin[] | Promise<ScoreBin[]>;
}

export interface VariantsRun {
  startedAt: string;
  finishedAt: string;
  policyFile: string;
  variants: VariantResult[];
  runs: RunRecord[];
}

/** The stages reported in timings, plus `wall` (the analyzer call measured by the harness). */
export const TIMED_STAGES: readonly (StageName | 'wall')[] = ['wall', ...STAGE_NAMES];

/** A row advice's code (its label, e.g. `VERWIJDEREN`); tolerant of plain strings. */
export function adviceCode(advice: unknown): string {
  if (typeof advice === 'string') return advice;
  const label = (advice as { label?: unknown } | null)?.label;
  return typeof label === 'string' ? label : JSON.stringify(advice);
}

export function partitionOf(outcome: AnalysisOutcome): string[] {
  return outcome.rows.map((r) => r.clusterId);
}

export function adviceOf(outcome: AnalysisOutcome): string[] {
  return outcome.rows.map((r) => adviceCode(r.advice));
}

/** Label per result row from the table's label column (see headerIndex); null without a label column. */
export async function labelsOf(outcome: AnalysisOutcome, labelColumn: string | null): Promise<string[] | null> {
  if (labelColumn === null) return null;
  const index = headerIndex(outcome.table.headers, labelColumn);
  if (index < 0) {
    throw new InputError(`Label column "${labelColumn}" not found; columns: ${outcome.table.headers.join(', ')}.`, outcome.table.file);
  }
  const column = await readTableColumn(outcome.table, outcome.rows.length, index);
  return outcome.rows.map((r) => column[r.rowNumber - 1] ?? '');
}

function requestFor(plan: ExperimentPlan, policyFile: string, settings: Settings): AnalysisRequest {
  const { conditions, library, instructions } = plan.dataset;
  return {
    policyFile,
    settings,
    ...(conditions.length ? { conditions } : {}),
    ...(library.length ? { libraries: library } : {}),
    ...(instructions ? { instructions } : {}),
  };
}

function policyFileOf(plan: ExperimentPlan, given: string | undefined): string {
  const file = given ?? plan.dataset.workbook;
  if (!file) throw new InputError(`Experiment ${plan.name} generates its dataset: pass the generated workbook as policyFile.`);
  return file;
}

/** Measured runs of one role in order, with the first run's outcome kept for the comparisons. */
interface RoleRuns {
  records: RunRecord[];
  first: AnalysisOutcome | null;
  deterministic: boolean;
}

function sameResult(a: AnalysisOutcome, b: AnalysisOutcome): boolean {
  return rowsWithDifferentCluster(partitionOf(a), partitionOf(b)).length === 0 && rowsWithDifferentAdvice(adviceOf(a), adviceOf(b)).length === 0;
}

function stageSpreads(records: readonly RunRecord[]): StageSpreads {
  const out: StageSpreads = {};
  for (const stage of TIMED_STAGES) {
    const values = records.map((r) => (stage === 'wall' ? r.wallMs : r.timingsMs[stage])).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) out[stage] = spread(values);
  }
  return out;
}

function stageSpeedups(baseline: StageSpreads, variant: StageSpreads): Partial<Record<StageName | 'wall', number>> {
  const out: Partial<Record<StageName | 'wall', number>> = {};
  for (const stage of TIMED_STAGES) {
    const b = baseline[stage]?.median;
    const v = variant[stage]?.median;
    if (b !== undefined && v !== undefined && v > 0) out[stage] = b / v;
  }
  return out;
}

/** Order of the two roles in measured repeat r: baseline first on even repeats, variant first on odd ones. */
export function roleOrder(repeat: number): [RunRole, RunRole] {
  return repeat % 2 === 0 ? ['baseline', 'variant'] : ['variant', 'baseline'];
}

async function runOneVariant(
  plan: ExperimentPlan,
  variant: VariantPlan,
  analyzer: Analyzer,
  policyFile: string,
  options: RunVariantsOptions,
): Promise<{ result: VariantResult; records: RunRecord[] }> {
  const clock = options.clock ?? (() => performance.now());
  const roles: Record<RunRole, RoleRuns> = {
    baseline: { records: [], first: null, deterministic: true },
    variant: { records: [], first: null, deterministic: true },
  };
  const run = async (role: RunRole, repeat: number | 'warmup') => {
    if (options.signal?.aborted) throw new CancelledError('Experiment cancelled');
    const settings = role === 'baseline' ? variant.baselineSettings : variant.settings;
    await options.beforeRun?.();
    const started = clock();
    const outcome = await analyzer(requestFor(plan, policyFile, settings), analyzerOptions(options));
    const wallMs = clock() - started;
    options.onProgress?.({ type: 'run', variant: variant.name, role, repeat, wallMs });
    if (repeat === 'warmup') return;
    const state = roles[role];
    if (state.first === null) state.first = outcome;
    else if (!sameResult(state.first, outcome)) state.deterministic = false;
    state.records.push(runRecord(plan.name, variant.name, role, repeat, wallMs, outcome));
  };
  if (plan.warmup) {
    await run('baseline', 'warmup');
    await run('variant', 'warmup');
  }
  let interval = null as VariantResult['speedupInterval'];
  for (let repeat = 0; repeat < plan.repeats || (plan.precision !== null && repeat < plan.maxRepeats && !interval?.precise); repeat++) {
    for (const role of roleOrder(repeat)) await run(role, repeat);
    interval = speedupInterval(roles, plan.precision);
  }
  const result = { ...(await summariseVariant(plan, variant, roles, options)), speedupInterval: interval };
  return { result, records: [...roles.baseline.records, ...roles.variant.records].sort((a, b) => a.repeat - b.repeat || a.role.localeCompare(b.role)) };
}

function analyzerOptions(options: RunVariantsOptions): AnalyzerOptions {
  return options.signal ? { signal: options.signal } : {};
}

function runRecord(experiment: string, variant: string, role: RunRole, repeat: number, wallMs: number, outcome: AnalysisOutcome): RunRecord {
  return {
    experiment,
    variant,
    role,
    repeat,
    wallMs,
    timingsMs: { ...outcome.timingsMs },
    rows: outcome.rows.length,
    clusters: outcome.clusters.length,
    counters: outcome.counters,
  };
}

/**
 * Baseline / variant wall time of each measured repeat. A repeat runs baseline and variant back to back, so their
 * ratio cancels the machine's slower and faster spells that would widen a comparison of the two sets of times.
 */
export function perRepeatRatios(roles: Record<RunRole, RoleRuns>): number[] {
  const variantMs = new Map(roles.variant.records.map((r) => [r.repeat, r.wallMs]));
  return roles.baseline.records.flatMap((r) => {
    const v = variantMs.get(r.repeat);
    return v !== undefined && v > 0 ? [r.wallMs / v] : [];
  });
}

/**
 * The 95% interval of the median per-repeat speedup, the same statistic as the headline speedup, so the headline
 * always lies within it. `precise` is null when the plan asks for no precision.
 */
export function speedupInterval(roles: Record<RunRole, RoleRuns>, precision: number | null): VariantResult['speedupInterval'] {
  const ratios = perRepeatRatios(roles);
  const interval = medianInterval(ratios);
  if (!interval) return null;
  const halfWidth = (interval.high - interval.low) / 2;
  return { ...interval, repeats: ratios.length, precise: precision === null ? null : halfWidth <= precision * median(ratios) };
}

async function summariseVariant(plan: ExperimentPlan, variant: VariantPlan, roles: Record<RunRole, RoleRuns>, options: RunVariantsOptions): Promise<VariantResult> {
  const baseline = roles.baseline.first!;
  const measured = roles.variant.first!;
  const basePartition: Partition = partitionOf(baseline);
  const variantPartition: Partition = partitionOf(measured);
  const labels = await labelsOf(baseline, plan.dataset.labelColumn);
  const timing = { baseline: stageSpreads(roles.baseline.records), variant: stageSpreads(roles.variant.records) };
  const ratios = perRepeatRatios(roles);
  const clusterRows = rowsWithDifferentCluster(basePartition, variantPartition);
  const adviceRows = rowsWithDifferentAdvice(adviceOf(baseline), adviceOf(measured));
  return {
    name: variant.name,
    overrides: variant.overrides,
    baselineOverrides: variant.baselineOverrides,
    settings: variant.settings,
    baselineSettings: variant.baselineSettings,
    rows: measured.rows.length,
    clusters: { baseline: baseline.clusters.length, variant: measured.clusters.length },
    timing,
    speedup: median(ratios),
    speedupRatios: ratios,
    stageSpeedup: stageSpeedups(timing.baseline, timing.variant),
    counters: { baseline: baseline.counters, variant: measured.counters },
    differences: {
      ...partitionDifferences(basePartition, variantPartition),
      rowsAdviceDiffers: adviceRows.length,
      exampleRowsClusterDiffers: clusterRows.slice(0, EXAMPLE_ROWS),
      exampleRowsAdviceDiffers: adviceRows.slice(0, EXAMPLE_ROWS),
    },
    labels: labels ? { baseline: labelAgreement(basePartition, labels), variant: labelAgreement(variantPartition, labels) } : null,
    deterministic: roles.baseline.deterministic && roles.variant.deterministic,
    scoreHistogram: options.scoreHistogram ? await options.scoreHistogram(baseline, labels) : null,
  };
}

/** Row numbers listed in results.json per difference kind; the counts are always complete. */
export const EXAMPLE_ROWS = 50;

/** Runs every variant of the plan against its baseline with the given analyzer. */
export async function runVariants(plan: ExperimentPlan, analyzer: Analyzer, options: RunVariantsOptions = {}): Promise<VariantsRun> {
  const policyFile = policyFileOf(plan, options.policyFile);
  const startedAt = new Date().toISOString();
  const variants: VariantResult[] = [];
  const runs: RunRecord[] = [];
  for (const [index, variant] of plan.variants.entries()) {
    const { result, records } = await runOneVariant(plan, variant, analyzer, policyFile, options);
    variants.push(result);
    runs.push(...records);
    options.onProgress?.({ type: 'variant', variant: variant.name, index, of: plan.variants.length, result });
  }
  return { startedAt, finishedAt: new Date().toISOString(), policyFile, variants, runs };
}
