/**
 * Experiment results (SPEC §13.3): the `results.json` type and its validator, the folder layout
 * `experiments/results/<experiment>/<timestamp>/` and the writer of every file in it. Every file is written
 * atomically (temp file + rename).
 */
import { isRecord } from '../util/guards.ts';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { clusterThreshold, normalisedThreshold, type Settings } from '../config/settings.ts';
import type { Counters } from '../cascade/types.ts';
import type { StageName, Timings } from '../pipeline/types.ts';
import { GENERATOR_STYLES } from '../generate/types.ts';
import { agreementChart, precisionRecallChart, scoreDistributionChart, speedupChart, type ThresholdRule, type VegaLiteSpec } from './charts.ts';
import type { DatasetPlan, ExperimentPlan, SettingsOverrides } from './config.ts';
import type { MachineFacts } from './machine.ts';
import type { ModelFact } from './models.ts';
import { thresholdCurve, type LabelAgreement, type PartitionDifferences, type ScoreBin, type Spread } from './metrics.ts';

export const RESULTS_FORMAT_VERSION = 1;

export type RunRole = 'baseline' | 'variant';
export type TimedStage = StageName | 'wall';
export type StageSpreads = Partial<Record<TimedStage, Spread>>;

/** One measured analysis (warm-up runs are not recorded). */
export interface RunRecord {
  experiment: string;
  variant: string;
  role: RunRole;
  repeat: number;
  wallMs: number;
  timingsMs: Timings;
  rows: number;
  clusters: number;
  counters: Counters;
}

export interface VariantResult {
  name: string;
  overrides: SettingsOverrides;
  baselineOverrides: SettingsOverrides;
  /** the complete effective settings of the variant and of its baseline */
  settings: Settings;
  baselineSettings: Settings;
  rows: number;
  clusters: { baseline: number; variant: number };
  timing: { baseline: StageSpreads; variant: StageSpreads };
  /** median of the per-repeat ratios (baseline wall time / variant wall time of the same repeat) */
  speedup: number;
  /** the per-repeat ratios the speedup and its interval come from. Absent in results written before it existed. */
  speedupRatios?: number[];
  /**
   * 95% confidence interval of the median of the per-repeat ratios (baseline / variant of the same repeat), over
   * `repeats` measured repeats; `precise`: within the plan's precision (false when the cap on repeats was reached,
   * null when the plan asks for no precision).
   * Null with fewer than 6 repeats. Absent in results written before it existed.
   */
  speedupInterval?: { low: number; high: number; repeats: number; precise: boolean | null } | null;
  stageSpeedup: Partial<Record<TimedStage, number>>;
  /** counters of the first measured run of each */
  counters: { baseline: Counters; variant: Counters };
  differences: PartitionDifferences & {
    rowsAdviceDiffers: number;
    exampleRowsClusterDiffers: number[];
    exampleRowsAdviceDiffers: number[];
  };
  /** pairwise P/R/F1 and ARI against the dataset's labels; null without labels */
  labels: { baseline: LabelAgreement; variant: LabelAgreement } | null;
  /** every repeat of the variant and of the baseline gave the same clusters and advice */
  deterministic: boolean;
  /** the baseline's score histogram (0.01 bins) when the engine provided it */
  scoreHistogram: ScoreBin[] | null;
}

export interface ExperimentResults {
  formatVersion: typeof RESULTS_FORMAT_VERSION;
  experiment: {
    name: string;
    description: string;
    configFile: string | null;
    dataset: DatasetPlan;
    /** the workbook actually analysed (the generated one for generated datasets) */
    policyFile: string;
    repeats: number;
    /** the plan's precision and cap on repeats (absent in results written before they existed) */
    precision?: number | null;
    maxRepeats?: number;
    warmup: boolean;
  };
  machine: MachineFacts;
  startedAt: string;
  finishedAt: string;
  variants: VariantResult[];
  runs: RunRecord[];
  /** embedding models used, each loaded once (absent in results written before they were recorded) */
  models?: ModelFact[];
  /** distinct warnings of the analyses (e.g. an unavailable signal) */
  warnings?: string[];
}

export function assembleResults(
  plan: ExperimentPlan,
  run: { startedAt: string; finishedAt: string; policyFile: string; variants: VariantResult[]; runs: RunRecord[] },
  machine: MachineFacts,
): ExperimentResults {
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    experiment: {
      name: plan.name,
      description: plan.description,
      configFile: plan.configFile,
      dataset: plan.dataset,
      policyFile: run.policyFile,
      repeats: plan.repeats,
      precision: plan.precision,
      maxRepeats: plan.maxRepeats,
      warmup: plan.warmup,
    },
    machine,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    variants: run.variants,
    runs: run.runs,
  };
}

// ---- validation -------------------------------------------------------------------------------------------------

type Check = (value: unknown, at: string, errors: string[]) => void;

const expect = (ok: boolean, at: string, what: string, errors: string[]) => {
  if (!ok) errors.push(`${at}: expected ${what}`);
};
const num: Check = (v, at, e) => expect(typeof v === 'number' && !Number.isNaN(v), at, 'a number', e);
const int: Check = (v, at, e) => expect(Number.isInteger(v) && (v as number) >= 0, at, 'a non-negative integer', e);
const str: Check = (v, at, e) => expect(typeof v === 'string', at, 'a text', e);
const bool: Check = (v, at, e) => expect(typeof v === 'boolean', at, 'true or false', e);
const nullable = (check: Check): Check => (v, at, e) => (v === null ? undefined : check(v, at, e));
const array = (item: Check): Check => (v, at, e) => {
  if (!Array.isArray(v)) return void e.push(`${at}: expected a list`);
  v.forEach((x, i) => item(x, `${at}[${i}]`, e));
};
const record = (item: Check): Check => (v, at, e) => {
  if (!isRecord(v)) return void e.push(`${at}: expected an object`);
  for (const [k, x] of Object.entries(v)) item(x, `${at}.${k}`, e);
};
const shape = (fields: Record<string, Check>, optional: readonly string[] = []): Check => (v, at, e) => {
  if (!isRecord(v)) return void e.push(`${at}: expected an object`);
  for (const [k, check] of Object.entries(fields)) {
    if (!(k in v)) {
      if (!optional.includes(k)) e.push(`${at}.${k}: missing`);
    }
    else check(v[k], `${at}.${k}`, e);
  }
};
const oneOf = (values: readonly unknown[]): Check => (v, at, e) => expect(values.includes(v), at, `one of ${values.join(', ')}`, e);
const numberMap = record(num);

const spreadCheck = shape({ n: int, median: num, min: num, max: num, mad: num });
const pairwise = { precision: num, recall: num, f1: num, truePositivePairs: int, predictedPairs: int, referencePairs: int };
const agreement = shape({ ...pairwise, adjustedRandIndex: num });
const counters = shape({
  pairsCompared: numberMap,
  pairsSkippedByLength: int,
  pairsSkippedByPolarity: int,
  leadersPruned: int,
  cacheHits: numberMap,
  signalEvaluations: numberMap,
  embeddingInferences: int,
  embeddingBatches: int,
  embeddingCacheHits: int,
  exits: numberMap,
});
const settings = shape({ clusterAccuracy: int, mode: str, policy: str, leaderSearch: str });

const variantCheck = shape({
  name: str,
  overrides: record(() => undefined),
  baselineOverrides: record(() => undefined),
  settings,
  baselineSettings: settings,
  rows: int,
  clusters: shape({ baseline: int, variant: int }),
  timing: shape({ baseline: record(spreadCheck), variant: record(spreadCheck) }),
  speedup: num,
  speedupRatios: array(num),
  speedupInterval: nullable(shape({ low: num, high: num, repeats: int, precise: nullable(bool) })),
  stageSpeedup: numberMap,
  counters: shape({ baseline: counters, variant: counters }),
  differences: shape({
    rowsClusterDiffers: int,
    pairsTogetherInExactlyOne: int,
    adjustedRandIndex: num,
    pairwise: shape(pairwise),
    rowsAdviceDiffers: int,
    exampleRowsClusterDiffers: array(int),
    exampleRowsAdviceDiffers: array(int),
  }),
  labels: nullable(shape({ baseline: agreement, variant: agreement })),
  deterministic: bool,
  scoreHistogram: nullable(array(shape({ signal: str, bin: num, match: bool, count: int }))),
}, ['speedupInterval', 'speedupRatios']);

const resultsCheck = shape({
  formatVersion: oneOf([RESULTS_FORMAT_VERSION]),
  experiment: shape({
    name: str,
    description: str,
    configFile: nullable(str),
    dataset: shape({ workbook: nullable(str), generate: nullable(shape({ rows: int, seed: int, style: oneOf(GENERATOR_STYLES) })), labelColumn: nullable(str), conditions: array(str), library: array(str), instructions: nullable(str) }),
    policyFile: str,
    repeats: int,
    warmup: bool,
  }),
  machine: shape({ cpuModel: str, cores: int, totalMemoryMb: int, os: str, nodeVersion: str, engineVersion: str, gitCommit: nullable(str) }),
  startedAt: str,
  finishedAt: str,
  variants: array(variantCheck),
  runs: array(
    shape({ experiment: str, variant: str, role: oneOf(['baseline', 'variant']), repeat: int, wallMs: num, timingsMs: numberMap, rows: int, clusters: int, counters }),
  ),
});

/** Every problem of a results value, each naming its path (`variants[0].speedup: expected a number`). */
export function resultsErrors(value: unknown): string[] {
  const errors: string[] = [];
  resultsCheck(value, 'results', errors);
  return errors;
}

export function assertResults(value: unknown): asserts value is ExperimentResults {
  const errors = resultsErrors(value);
  if (errors.length > 0) throw new Error(`Invalid experiment results: ${errors.slice(0, 10).join('; ')}`);
}

export async function readResults(fileOrFolder: string): Promise<ExperimentResults> {
  const stat = await fs.stat(fileOrFolder);
  const file = stat.isDirectory() ? path.join(fileOrFolder, RESULTS_FILE) : fileOrFolder;
  const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  assertResults(value);
  return value;
}

// ---- layout and writing -----------------------------------------------------------------------------------------

export const RESULTS_FILE = 'results.json';

/** `2025-03-01T09-05-07Z`: sortable, and valid in file names on every platform. */
export function resultsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** Default results root: `results/` beside the config file (so `experiments/results/`), else under the cwd. */
export function defaultResultsRoot(configFile: string | null): string {
  return configFile ? path.join(path.dirname(configFile), 'results') : path.resolve('experiments', 'results');
}

/** A new, empty folder `<root>/<experiment>/<timestamp>[-n]`. */
export async function createResultsFolder(root: string, experiment: string, startedAt: Date): Promise<string> {
  const base = path.join(root, experiment, resultsTimestamp(startedAt));
  await fs.mkdir(path.dirname(base), { recursive: true });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      await fs.mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Thresholds worth drawing on score charts for a settings object. */
export function thresholdRules(settings: Settings): ThresholdRule[] {
  const t = clusterThreshold(settings);
  const rules: ThresholdRule[] = [
    { label: `t = ${t.toFixed(2)}`, value: t },
    { label: `gate ${settings.normalisedGate.toFixed(2)}`, value: settings.normalisedGate },
  ];
  const stage2 = normalisedThreshold(settings);
  if (stage2 !== t) rules.push({ label: `stage 2 ${stage2.toFixed(2)}`, value: stage2 });
  return rules;
}

/**
 * The speedup's 95% confidence interval when there is one, else the range of its per-repeat ratios (results written
 * before the ratios were kept: slowest baseline / fastest variant … fastest baseline / slowest variant). Either way
 * the headline speedup lies within it.
 */
export function speedupRange(v: VariantResult): { low: number; high: number } | Record<string, never> {
  if (v.speedupInterval) return { low: v.speedupInterval.low, high: v.speedupInterval.high };
  const ratios = v.speedupRatios;
  if (ratios) return ratios.length > 1 ? { low: Math.min(...ratios), high: Math.max(...ratios) } : {};
  const b = v.timing.baseline.wall;
  const w = v.timing.variant.wall;
  return b && w && b.n > 1 && w.max > 0 && w.min > 0 ? { low: b.min / w.max, high: b.max / w.min } : {};
}

/** The experiment's charts by file stem. Score charts only where a score histogram was recorded. */
export function resultCharts(results: ExperimentResults): Record<string, VegaLiteSpec> {
  const charts: Record<string, VegaLiteSpec> = {
    speedup: speedupChart(
      results.variants.map((v) => {
        const b = v.timing.baseline.wall;
        const w = v.timing.variant.wall;
        return { variant: v.name, speedup: v.speedup, baselineMedianMs: b?.median ?? 0, variantMedianMs: w?.median ?? 0, ...speedupRange(v) };
      }),
      `${results.experiment.name}: speedup against the baseline`,
    ),
    agreement: agreementChart(
      results.variants.flatMap((v) => [
        ...(v.labels ? [{ variant: v.name, measure: 'F1 vs labels', value: v.labels.variant.f1 }] : []),
        { variant: v.name, measure: 'F1 vs baseline', value: v.differences.pairwise.f1 },
        { variant: v.name, measure: 'ARI vs baseline', value: v.differences.adjustedRandIndex },
      ]),
      `${results.experiment.name}: agreement with the labels and the baseline`,
    ),
  };
  const withHistogram = results.variants.find((v) => v.scoreHistogram && v.scoreHistogram.length > 0);
  if (withHistogram) {
    const rules = thresholdRules(withHistogram.baselineSettings);
    const b = withHistogram.baselineSettings;
    const which = `baseline of ${withHistogram.name}: ${b.policy}, ${b.mode}, accuracy ${b.clusterAccuracy}`;
    charts['score-distribution'] = scoreDistributionChart(withHistogram.scoreHistogram!, rules, `${results.experiment.name}: stage-1 score distribution (${which})`);
    charts['precision-recall'] = precisionRecallChart(thresholdCurve(withHistogram.scoreHistogram!), rules, `${results.experiment.name}: precision and recall against threshold (${which})`);
  }
  return charts;
}
