/**
 * What the report shows (SPEC §10.2–§10.4), apart from how it is written: the sheets' columns with their widths and
 * formats, and the values of every row. Every value comes from the AnalysisResult and the input's original cells;
 * nothing is recomputed here.
 */
import type { Cluster, RowResult } from '../advise/types.ts';
import { NVT } from '../cluster/types.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import { codePointLength } from '../util/text.ts';

export const SHEET_RESULTS = 'Analyseresultaten';
export const SHEET_CLUSTERS = 'Clusters';
export const SHEET_STATISTICS = 'Statistieken';

export const RESULT_HEADERS = ['Status', 'Cluster_ID', 'Cluster_Naam', 'Frequentie', 'Advies', 'Vertrouwen', 'Reden', 'Artikel', 'Tekst'] as const;
export const CLUSTER_HEADERS = ['Cluster_ID', 'Cluster_Naam', 'Frequentie', 'Leidertekst', 'Advies', 'Vertrouwen', 'Reden', 'Artikel'] as const;
export const STATISTICS_HEADERS = ['Kenmerk', 'Waarde'] as const;

const WIDTHS: Readonly<Record<string, number>> = {
  Status: 10,
  Cluster_ID: 12,
  Cluster_Naam: 40,
  Frequentie: 11,
  Advies: 28,
  Vertrouwen: 11,
  Reden: 60,
  Artikel: 30,
  Tekst: 80,
  Leidertekst: 80,
  Kenmerk: 40,
  Waarde: 80,
};
const WRAPPED = new Set(['Tekst', 'Leidertekst']);
const ORIGINAL_SUFFIX = ' (origineel)';

export interface ColumnLayout {
  header: string;
  width: number;
  wrap: boolean;
  adviceFill: boolean;
}
export type CellInput = string | number | null;

export function generatedLayout(header: string): ColumnLayout {
  return { header, width: WIDTHS[header] ?? 20, wrap: WRAPPED.has(header), adviceFill: header === 'Advies' };
}

/**
 * Original headers as written: one equal (case-insensitive, trimmed) to a generated header becomes
 * `{header} (origineel)`; should that collide with another header, ` (2)`, ` (3)`, … is added.
 */
export function originalHeaders(headers: readonly string[]): string[] {
  const key = (h: string) => h.trim().toLowerCase();
  const generated = new Set(RESULT_HEADERS.map(key));
  const taken = new Set<string>([...generated, ...headers.filter((h) => !generated.has(key(h))).map(key)]);
  return headers.map((header) => {
    if (!generated.has(key(header))) return header;
    const base = header.trim() + ORIGINAL_SUFFIX;
    let name = base;
    for (let n = 2; taken.has(key(name)); n++) name = `${base} (${n})`;
    taken.add(key(name));
    return name;
  });
}

function originalLayout(header: string): ColumnLayout {
  return { header, width: Math.min(40, Math.max(10, codePointLength(header) + 2)), wrap: false, adviceFill: false };
}

/** One row of `Analyseresultaten` as values, without the original cells: the HTTP API returns these as JSON. */
export interface ReportRow {
  clusterId: string;
  /** Null for `NVT` rows. */
  clusterName: string | null;
  /** Rows in the cluster; null for `NVT` rows. */
  frequency: number | null;
  advice: string;
  confidence: string;
  reason: string;
  article: string;
  /** The row's raw text; null when the analysis kept no record of it (then the report reads it from the source). */
  text: string | null;
}

/** The rows of `Analyseresultaten` in input order (SPEC §10.2), without their original cells. */
export function* reportRows(result: AnalysisResult): Generator<ReportRow> {
  const rows = new ResultRows(result);
  for (const row of result.rows) yield rows.reportRow(row);
}

/** What the report shows of one input row besides its original cells. */
export class ResultRows {
  private readonly clusters: Map<string, Cluster>;
  constructor(private readonly result: AnalysisResult) {
    this.clusters = new Map(result.clusters.map((cluster) => [cluster.id, cluster]));
  }

  /** The row's raw text as the analysis read it; records are in row order. */
  rawText(rowNumber: number): string | undefined {
    const record = this.result.records[rowNumber - 1];
    return record?.rowNumber === rowNumber ? record.rawText : undefined;
  }

  reportRow(row: RowResult): ReportRow {
    const { settings } = this.result;
    let cluster: Cluster | undefined;
    if (row.clusterId !== NVT) {
      cluster = this.clusters.get(row.clusterId);
      if (!cluster) throw new Error(`Report: row ${row.rowNumber} refers to unknown cluster ${row.clusterId}.`);
    }
    const name =
      cluster === undefined
        ? null
        : settings.singletonLabel && cluster.rows.length === 1
          ? `Unieke teksten - ${row.advice.label} (${row.advice.confidence})`
          : cluster.name;
    return {
      clusterId: row.clusterId,
      clusterName: name,
      frequency: cluster ? cluster.rows.length : null,
      advice: row.advice.label,
      confidence: row.advice.confidence,
      reason: row.advice.reason,
      article: row.advice.article,
      text: this.rawText(row.rowNumber) ?? null,
    };
  }

  values(row: RowResult, originals: readonly string[]): CellInput[] {
    const { table } = this.result;
    const r = this.reportRow(row);
    const text = r.text ?? originals[table.textColumn.index] ?? '';
    return [null, r.clusterId, r.clusterName, r.frequency, r.advice, r.confidence, r.reason, r.article, text, ...table.headers.map((_, c) => originals[c] ?? '')];
  }

  *clusterRows(): Generator<CellInput[]> {
    for (const cluster of this.result.clusters) {
      const { advice } = cluster;
      const leaderText = this.rawText(cluster.leaderRow) ?? '';
      yield [cluster.id, cluster.name, cluster.rows.length, leaderText, advice.label, advice.confidence, advice.reason, advice.article];
    }
  }
}

export function resultColumns(result: AnalysisResult): ColumnLayout[] {
  return [...RESULT_HEADERS.map(generatedLayout), ...originalHeaders(result.table.headers).map(originalLayout)];
}

