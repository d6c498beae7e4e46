/**
 * The JSON summary (SPEC §10.3): the same facts as the `Statistieken` sheet, machine-readable, with the complete
 * effective settings.
 */
import { clusterThreshold, normalisedThreshold, type Settings } from '../config/settings.ts';
import type { ColumnChoice } from '../ingest/index.ts';
import type { ReferenceSummary } from '../advise/types.ts';
import type { AnalysisResult, Timings } from '../pipeline/types.ts';
import type { Counters } from '../cascade/types.ts';
import type { SignalStatus } from '../signals/types.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { warningText, type Warning } from '../util/warnings.ts';
import { computeRunFacts, partitionNote, type ResultCounts } from './facts.ts';
import type { PartitionFacts } from '../partition/index.ts';

export interface ReportOutputs {
  /** Absolute report path, or null when no report was written. */
  report: string | null;
  /** Absolute JSON path, `-` for standard output, or null. */
  json: string | null;
  /** Cells cut to the Excel cell limit while writing the report. */
  shortenedCells: number;
}

export interface JsonSummary {
  engineVersion: string;
  startedAt: string;
  input: {
    file: string;
    format: 'xlsx' | 'csv';
    sheet: string | null;
    headers: string[];
    rows: number;
    textColumn: ColumnChoice;
    policyColumn: ColumnChoice | null;
    encoding: string | null;
    delimiter: string | null;
    references: ReferenceSummary;
  };
  settings: Settings;
  signals: SignalStatus;
  result: ResultCounts & {
    shortenedCells: number;
    reductionPercent: number;
    clusterThreshold: number;
    normalisedThreshold: number;
    adviceByCluster: Record<string, number>;
    adviceByRow: Record<string, number>;
    ruleByCluster: Record<string, number>;
  };
  counters: Counters;
  /** Only in the summary of a partitioned run, with `note` the Dutch run fact of the report. */
  partitioning?: PartitionFacts & { note: string };
  timingsMs: Timings;
  /** Threads the run used (the `threads` setting resolved). */
  threads: number;
  /** English, as the CLI prints them. */
  warnings: string[];
  /** The same warnings as message ids and parameters, in the same order, for a user interface in another language. */
  warningMessages: Warning[];
  outputs: { report: string | null; json: string | null };
}

export function buildJsonSummary(result: AnalysisResult, outputs: ReportOutputs): JsonSummary {
  const { table } = result;
  const facts = computeRunFacts(result);
  return {
    engineVersion: result.engineVersion,
    startedAt: result.startedAt,
    input: {
      file: table.file,
      format: table.format,
      sheet: table.sheet,
      headers: [...table.headers],
      rows: result.rows.length,
      textColumn: { ...table.textColumn },
      policyColumn: table.policyColumn ? { ...table.policyColumn } : null,
      encoding: table.encoding,
      delimiter: table.delimiter,
      references: structuredClone(result.references),
    },
    settings: structuredClone(result.settings),
    signals: structuredClone(result.signals),
    result: {
      rows: facts.rows,
      clusteredRows: facts.clusteredRows,
      nvtRows: facts.nvtRows,
      clusters: facts.clusters,
      singletonClusters: facts.singletonClusters,
      shortenedCells: outputs.shortenedCells,
      reductionPercent: facts.reductionPercent,
      clusterThreshold: clusterThreshold(result.settings),
      normalisedThreshold: normalisedThreshold(result.settings),
      adviceByCluster: facts.adviceByCluster,
      adviceByRow: facts.adviceByRow,
      ruleByCluster: facts.ruleByCluster,
    },
    counters: structuredClone(result.counters),
    ...(result.partitioning ? { partitioning: { ...structuredClone(result.partitioning), note: partitionNote(result)! } } : {}),
    timingsMs: { ...result.timingsMs },
    threads: result.threads,
    warnings: result.warnings.map(warningText),
    warningMessages: structuredClone(result.warnings),
    outputs: { report: outputs.report, json: outputs.json },
  };
}

export function jsonSummaryText(summary: JsonSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Writes the summary atomically to a file, or to standard output for `-`. */
export async function writeJsonSummary(summary: JsonSummary, target: string): Promise<void> {
  const text = jsonSummaryText(summary);
  if (target === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
    return;
  }
  await writeFileAtomic(target, text);
}
