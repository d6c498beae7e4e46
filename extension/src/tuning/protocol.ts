/**
 * The message contract of the threshold-tuning webview, imported by the host panel and the browser bundle alike.
 * Messages are validated on receipt on both sides (isToWebview / isFromWebview).
 */
import { isRecord, isString } from '../../../engine/util/guards.ts';
import { SETTING_SPECS, type Mode, type Settings, type SignalId } from '../../../engine/config/settings.ts';

/** What the engine worker is asked to compute for the view. */
export interface TuningJob {
  policyFile: string;
  settings: Settings;
  /** Rows sampled (evenly, in input order) from larger workbooks so the view stays interactive. */
  maxRows: number;
}

export function isTuningJob(v: unknown): v is TuningJob {
  return isRecord(v) && isString(v.policyFile) && isRecord(v.settings) && typeof v.maxRows === 'number' && v.maxRows > 0;
}

/** One stage-1 candidate pair as the `full` policy compared it, with both stages' per-signal values and bounds. */
export interface TuningPair {
  /** Indices into TuningData.rows. */
  a: number;
  b: number;
  /** Per signal (TuningData.signals order): stage-1 values on the simplified texts and their length bounds. */
  stage1Values: number[];
  stage1Bounds: number[];
  /** The same on the clustering texts (stage 2, reached from the middle band). */
  stage2Values: number[];
  stage2Bounds: number[];
  /** How many compared pairs this one stands for (low-scoring pairs are sampled, see the worker). */
  count: number;
}

export interface TuningRow {
  rowNumber: number;
  text: string;
}

/** The seed policy's settings the simulation needs besides the sliders. */
export interface SeedFixed {
  partialAccept: number;
  partialReject: number;
  skipEmbeddingsAt: number | null; // null in fast mode
}

export interface TuningParams {
  clusterAccuracy: number; // the clusterAccuracy setting's range
  exitLow: number;
  exitHigh: number;
  /** Raw weights in TuningData.signals order; renormalised to sum 1 like the engine does. */
  weights: number[];
}

export interface TuningData {
  file: string;
  /** SHA-256 of the workbook bytes and the settings that shape the pairs: the cache key. */
  key: string;
  mode: Mode;
  totalRows: number;
  rows: TuningRow[];
  signals: SignalId[];
  unavailable: { signal: SignalId; reason: string }[];
  pairs: TuningPair[];
  /** Compared pairs before sampling. */
  comparedPairs: number;
  /** Every column header of the workbook, any of which the user may pick as the label (intended group) column. */
  columns: string[];
  /** Per column (columns order), the cell of each row (rows order); empty and `NVT` (niet van toepassing) are null. */
  cells: (string | null)[][];
  /** A column whose header says it holds labels (`Label`, `Cluster`, …), offered until the user picks one. */
  suggestedLabelColumn: string | null;
  normalisedGate: number;
  /** Fast mode's raw weights in signals order, and whether balanced and accurate mode floor their score by them. */
  fastWeights: number[];
  fastFloor: boolean;
  seed: SeedFixed;
  baseline: TuningParams;
  computeMs: number;
}

export type ToWebview =
  | { type: 'loading'; file: string; message: string }
  | { type: 'data'; data: TuningData; params: TuningParams; labelColumn: string | null }
  | { type: 'error'; message: string }
  | { type: 'saved'; target: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'save'; params: TuningParams }
  | { type: 'runAnalysis'; params: TuningParams }
  | { type: 'metrics'; updateMs: number; changedPairs: number }
  | { type: 'labelColumn'; column: string | null }
  | { type: 'getModel' };

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Within the setting's range as SETTING_SPECS declares it (the single place ranges live). */
function inRange(value: unknown, spec: { min: number; max?: number }): value is number {
  return isFiniteNumber(value) && value >= spec.min && (spec.max === undefined || value <= spec.max);
}

export function isTuningParams(v: unknown): v is TuningParams {
  return (
    isRecord(v) &&
    inRange(v.clusterAccuracy, SETTING_SPECS.clusterAccuracy) &&
    inRange(v.exitLow, SETTING_SPECS['seed.exitLow']) &&
    inRange(v.exitHigh, SETTING_SPECS['seed.exitHigh']) &&
    v.exitLow <= v.exitHigh &&
    Array.isArray(v.weights) &&
    v.weights.length > 0 &&
    // every weights.<mode>.<signal> setting has the same range; the view's weights are those of one mode
    v.weights.every((w) => inRange(w, SETTING_SPECS['weights.balanced.fuzzy'])) &&
    v.weights.some((w) => (w as number) > 0)
  );
}

export function isFromWebview(v: unknown): v is FromWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'getModel':
      return true;
    case 'save':
    case 'runAnalysis':
      return isTuningParams(v.params);
    case 'metrics':
      return isFiniteNumber(v.updateMs) && isFiniteNumber(v.changedPairs);
    case 'labelColumn':
      return v.column === null || typeof v.column === 'string';
    default:
      return false;
  }
}

export function isToWebview(v: unknown): v is ToWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'loading':
      return typeof v.file === 'string' && typeof v.message === 'string';
    case 'data':
      return (
        isRecord(v.data) &&
        Array.isArray(v.data.pairs) &&
        Array.isArray(v.data.signals) &&
        Array.isArray(v.data.columns) &&
        isTuningParams(v.params) &&
        (v.labelColumn === null || (typeof v.labelColumn === 'string' && v.data.columns.includes(v.labelColumn)))
      );
    case 'error':
      return typeof v.message === 'string';
    case 'saved':
      return typeof v.target === 'string';
    default:
      return false;
  }
}
