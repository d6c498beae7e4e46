/**
 * The Excel report (SPEC §10.2–§10.4): `Analyseresultaten` (one row per input row, in input order), `Clusters`
 * (creation order) and `Statistieken`. Every value comes from the AnalysisResult; nothing is recomputed here.
 */
import ExcelJS from 'exceljs';
import type { Cluster } from '../advise/types.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { codePointLength } from '../util/text.ts';
import { installQuotePrefixStyles, QUOTE_PREFIX_NUMFMT, safeCellText } from './cells.ts';
import { adviceFillColour, solidFill } from './colours.ts';
import { computeRunFacts, NVT } from './facts.ts';
import { statisticsRows } from './statistics.ts';

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

interface ColumnLayout {
  header: string;
  width: number;
  wrap: boolean;
  adviceFill: boolean;
}
type CellInput = string | number | null;

export interface ReportBuild {
  workbook: ExcelJS.Workbook;
  /** Cells whose text exceeded the Excel cell limit and was cut (§10.4). */
  shortenedCells: number;
}

function generatedLayout(header: string): ColumnLayout {
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

/** Cell styles are shared objects, one per combination, so exceljs stores each once and cells never alias edits. */
class StyleBook {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  get(bold: boolean, wrap: boolean, quotePrefix: boolean, fill: string | null): Partial<ExcelJS.Style> | null {
    if (!bold && !wrap && !quotePrefix && fill === null) return null;
    const key = `${+bold}${+wrap}${+quotePrefix}${fill ?? ''}`;
    let style = this.styles.get(key);
    if (!style) {
      style = {};
      if (bold) style.font = { bold: true };
      if (wrap) style.alignment = { wrapText: true, vertical: 'top' };
      if (quotePrefix) style.numFmt = QUOTE_PREFIX_NUMFMT;
      if (fill !== null) style.fill = solidFill(fill);
      this.styles.set(key, style);
    }
    return style;
  }
}

class SheetWriter {
  shortenedCells = 0;
  private readonly styles = new StyleBook();

  write(sheet: ExcelJS.Worksheet, columns: readonly ColumnLayout[], rows: Iterable<readonly CellInput[]>): void {
    columns.forEach((column, c) => {
      sheet.getColumn(c + 1).width = column.width;
      this.setCell(sheet.getCell(1, c + 1), column.header, column, true);
    });
    let r = 1;
    for (const values of rows) {
      r++;
      const row = sheet.getRow(r);
      columns.forEach((column, c) => this.setCell(row.getCell(c + 1), values[c] ?? null, column, false));
    }
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: r, column: columns.length } };
  }

  private setCell(cell: ExcelJS.Cell, value: CellInput, column: ColumnLayout, header: boolean): void {
    if (value === null || value === '') return;
    if (typeof value === 'number') {
      cell.value = value;
      return;
    }
    const safe = safeCellText(value);
    if (safe.shortened) this.shortenedCells++;
    if (safe.text === '') return;
    cell.value = safe.stored; // a string value is always a string cell: exceljs writes formulas only from objects
    const fill = !header && column.adviceFill ? adviceFillColour(value) : null;
    const style = this.styles.get(header, !header && column.wrap, safe.quotePrefix, fill);
    if (style) cell.style = style;
  }
}

function indexRecords(result: AnalysisResult): Map<number, ClauseRecord> {
  return new Map(result.records.map((record) => [record.rowNumber, record]));
}

/** One row of `Analyseresultaten` as values: the report writes it as cells, the HTTP API returns it as JSON. */
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
  /** The row's raw text. */
  text: string;
  /** Every original cell, in original column order. */
  originals: string[];
}

/** The rows of `Analyseresultaten` in input order (SPEC §10.2). */
export function* reportRows(result: AnalysisResult): Generator<ReportRow> {
  const records = indexRecords(result);
  const clusters = new Map(result.clusters.map((cluster) => [cluster.id, cluster]));
  const { table, settings } = result;
  for (const row of result.rows) {
    const tableRow = table.rows[row.rowNumber - 1];
    if (!tableRow) throw new Error(`Report: row ${row.rowNumber} has no row in the input table.`);
    let cluster: Cluster | undefined;
    if (row.clusterId !== NVT) {
      cluster = clusters.get(row.clusterId);
      if (!cluster) throw new Error(`Report: row ${row.rowNumber} refers to unknown cluster ${row.clusterId}.`);
    }
    const name =
      cluster === undefined
        ? null
        : settings.singletonLabel && cluster.rows.length === 1
          ? `Unieke teksten - ${row.advice.label} (${row.advice.confidence})`
          : cluster.name;
    yield {
      clusterId: row.clusterId,
      clusterName: name,
      frequency: cluster ? cluster.rows.length : null,
      advice: row.advice.label,
      confidence: row.advice.confidence,
      reason: row.advice.reason,
      article: row.advice.article,
      text: records.get(row.rowNumber)?.rawText ?? tableRow.cells[table.textColumn.index] ?? '',
      originals: table.headers.map((_, c) => tableRow.cells[c] ?? ''),
    };
  }
}

function* resultRows(result: AnalysisResult): Generator<CellInput[]> {
  for (const row of reportRows(result)) {
    yield [null, row.clusterId, row.clusterName, row.frequency, row.advice, row.confidence, row.reason, row.article, row.text, ...row.originals];
  }
}

function* clusterRows(result: AnalysisResult, records: Map<number, ClauseRecord>): Generator<CellInput[]> {
  for (const cluster of result.clusters) {
    const { advice } = cluster;
    const leaderText = records.get(cluster.leaderRow)?.rawText ?? '';
    yield [cluster.id, cluster.name, cluster.rows.length, leaderText, advice.label, advice.confidence, advice.reason, advice.article];
  }
}

export function buildReportWorkbook(result: AnalysisResult): ReportBuild {
  if (result.rows.length !== result.table.rows.length) {
    throw new Error(`Report: ${result.rows.length} row results for ${result.table.rows.length} input rows; every input row needs exactly one.`);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Clause Cascade';
  const started = new Date(result.startedAt);
  if (!Number.isNaN(started.getTime())) {
    workbook.created = started;
    workbook.modified = started;
  }
  installQuotePrefixStyles(workbook);

  const records = indexRecords(result);
  const writer = new SheetWriter();
  // Sheets are created in their final order; Statistieken is filled last because it reports the shortened cells.
  const results = workbook.addWorksheet(SHEET_RESULTS);
  const clusters = workbook.addWorksheet(SHEET_CLUSTERS);
  const statistics = workbook.addWorksheet(SHEET_STATISTICS);

  const resultColumns = [...RESULT_HEADERS.map(generatedLayout), ...originalHeaders(result.table.headers).map(originalLayout)];
  writer.write(results, resultColumns, resultRows(result));
  writer.write(clusters, CLUSTER_HEADERS.map(generatedLayout), clusterRows(result, records));
  const shortenedCells = writer.shortenedCells;
  const facts = computeRunFacts(result);
  writer.write(statistics, STATISTICS_HEADERS.map(generatedLayout), statisticsRows(result, facts, shortenedCells));
  return { workbook, shortenedCells };
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array | ArrayBuffer;
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/** Builds the report and writes it atomically (temporary file in the target folder, then rename). */
export async function writeReport(result: AnalysisResult, target: string): Promise<{ shortenedCells: number }> {
  const { workbook, shortenedCells } = buildReportWorkbook(result);
  await writeFileAtomic(target, await workbookBytes(workbook));
  return { shortenedCells };
}
