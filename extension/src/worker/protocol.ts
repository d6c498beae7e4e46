/**
 * The one message contract between the extension host and the engine worker (a forked Node process). Both sides
 * import these types; every message that crosses the process boundary is checked with isHostMessage /
 * isWorkerMessage before use.
 */
import { isLogLevel, type LogLevel } from '../../../engine/util/log.ts';
import { isRecord, isString } from '../../../engine/util/guards.ts';
import type { JsonSummary } from '../../../engine/report/summary.ts';
import type { ProgressEvent } from '../../../engine/pipeline/types.ts';
import type { Settings } from '../../../engine/config/settings.ts';
import { isTuningJob, type TuningData, type TuningJob } from '../tuning/protocol.ts';

export interface AnalyzeJob {
  policyFile: string;
  conditions: string[];
  libraries: string[];
  instructions: string | null;
  settings: Settings;
  /** Explicit report path; default: next to the workbook, with a numbered suffix instead of overwriting. */
  out: string | null;
}

export type HostMessage =
  | { type: 'analyze'; job: AnalyzeJob }
  | { type: 'tuning'; job: TuningJob }
  | { type: 'cancel' };


export interface WorkerFailure {
  name: string;
  message: string;
  /** SettingError: the offending setting's dotted name. */
  setting?: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'analyzed'; reportPath: string; jsonPath: string | null; summary: JsonSummary }
  | { type: 'tuningData'; data: TuningData }
  | { type: 'cancelled' }
  | { type: 'failed'; error: WorkerFailure };


const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isAnalyzeJob(v: unknown): v is AnalyzeJob {
  return (
    isRecord(v) &&
    isString(v.policyFile) &&
    isStringArray(v.conditions) &&
    isStringArray(v.libraries) &&
    (v.instructions === null || isString(v.instructions)) &&
    isRecord(v.settings) &&
    (v.out === null || isString(v.out))
  );
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'analyze':
      return isAnalyzeJob(v.job);
    case 'tuning':
      return isTuningJob(v.job);
    case 'cancel':
      return true;
    default:
      return false;
  }
}

export function isWorkerMessage(v: unknown): v is WorkerMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'cancelled':
      return true;
    case 'progress':
      return isRecord(v.event) && isString(v.event.stage) && typeof v.event.percent === 'number' && isString(v.event.message);
    case 'log':
      return isLogLevel(v.level) && isString(v.message);
    case 'analyzed':
      return isString(v.reportPath) && (v.jsonPath === null || isString(v.jsonPath)) && isRecord(v.summary);
    case 'tuningData':
      return isRecord(v.data) && Array.isArray(v.data.signals) && Array.isArray(v.data.pairs);
    case 'failed':
      return isRecord(v.error) && isString(v.error.name) && isString(v.error.message);
    default:
      return false;
  }
}
