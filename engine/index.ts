/**
 * The engine's public API, used by the CLI, the VS Code extension (in a child process) and the experiment harness.
 */
import { buildJsonSummary, resolveOutputPath, writeJsonSummary, writeReport, type JsonSummary } from './report/index.ts';
import { runAnalysis, type AnalyzeRequest, type RunOptions } from './pipeline/analyze.ts';
import { throwIfCancelled } from './util/errors.ts';
import type { AnalysisResult } from './pipeline/types.ts';

export { engineVersion } from './util/version.ts';
export { runAnalysis, type AnalyzeRequest, type RunOptions } from './pipeline/analyze.ts';
export type { Logger, LogLevel } from './util/log.ts';
export type { AnalysisResult, ProgressEvent } from './pipeline/types.ts';
export type { Counters } from './cascade/types.ts';
export type { ObservedPair } from './cluster/types.ts';
export type { EvaluationRecord } from './cascade/evaluate.ts';
export { resolveSettings, defaultSettings, SETTING_SPECS, settingsToFlat, SettingError, type Settings } from './config/settings.ts';
export { InputError, UsageError, CancelledError } from './util/errors.ts';

export interface OutputOptions {
  /** Explicit report path; default next to the policy workbook with a numbered suffix instead of overwriting. */
  out?: string;
  overwrite?: boolean;
  /** JSON summary path, `-` for standard output, false for none; default next to the report. */
  json?: string | false;
}

export interface AnalyzeOutcome {
  result: AnalysisResult;
  reportPath: string;
  jsonPath: string | null;
  summary: JsonSummary;
}

/** Runs the analysis and writes the report and JSON summary atomically; a cancelled run writes nothing. */
export async function analyzeWorkbook(request: AnalyzeRequest, outputs: OutputOptions = {}, options: RunOptions = {}): Promise<AnalyzeOutcome> {
  const inputFiles = [request.policyFile, ...(request.conditions ?? []), ...(request.libraries ?? []), ...(request.instructions ? [request.instructions] : [])];
  // Paths are checked before the work, so a refused output path costs nothing.
  const paths = await resolveOutputPath({ inputFiles, out: outputs.out, json: outputs.json, overwrite: outputs.overwrite ?? false });
  const result = await runAnalysis(request, options);
  throwIfCancelled(options.signal);
  options.onProgress?.({ stage: 'report', percent: 95, message: 'Rapport genereren...' });
  const t0 = performance.now();
  const rows = result.rows.length;
  const { shortenedCells } = await writeReport(result, paths.report, {
    signal: options.signal,
    onRows: (done) =>
      options.onProgress?.({ stage: 'report', percent: 95 + Math.trunc((5 * done) / rows), message: `Rapport genereren... (${Math.trunc((100 * done) / rows)}%)`, rows: { done, total: rows } }),
  });
  result.timingsMs.report = performance.now() - t0;
  result.timingsMs.total = (result.timingsMs.total ?? 0) + result.timingsMs.report;
  const summary = buildJsonSummary(result, { report: paths.report, json: paths.json, shortenedCells });
  if (paths.json) await writeJsonSummary(summary, paths.json);
  options.onProgress?.({ stage: 'done', percent: 100, message: 'Analyse voltooid!' });
  return { result, reportPath: paths.report, jsonPath: paths.json, summary };
}
