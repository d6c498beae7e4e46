/**
 * The Excel report (SPEC §10.2–§10.4): `Analyseresultaten` (one row per input row, in input order), `Clusters`
 * (creation order) and `Statistieken`. Every value comes from the AnalysisResult and the input's original cells;
 * nothing is recomputed here.
 */
import { once, type EventEmitter } from 'node:events';
import ExcelJS from 'exceljs';
import type { Cluster, RowResult } from '../advise/types.ts';
import { readTableRows } from '../ingest/index.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import { withAtomicFile } from '../util/atomic.ts';
import { throwIfCancelled } from '../util/errors.ts';
import { codePointLength } from '../util/text.ts';
import { installQuotePrefixStyles, installStreamingQuotePrefixStyles, QUOTE_PREFIX_NUMFMT, safeCellText } from './cells.ts';
import { adviceFillColour, solidFill } from './colours.ts';
import { NVT } from '../cluster/types.ts';
import { computeRunFacts } from './facts.ts';
import { RowXmlWriter, type RowCell } from './row-xml.ts';
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

/**
 * Cell styles are shared objects, one per combination (the plain style too), so exceljs stores each once and cells
 * never alias edits. exceljs looks a style object up by identity before it serialises it, so sharing also spares a
 * style serialisation per cell: a fresh cell gets a style object of its own, which costs that serialisation.
 */
class StyleBook {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();
  private readonly plain: Partial<ExcelJS.Style> = Object.freeze({});

  get(bold: boolean, wrap: boolean, quotePrefix: boolean, fill: string | null): Partial<ExcelJS.Style> {
    if (!bold && !wrap && !quotePrefix && fill === null) return this.plain;
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

const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
/** Rows between yields to the event loop while streaming: the zip stream drains and a cancel request is seen. */
const ROWS_PER_YIELD = 2_000;

/** Writes sheets row by row; works on an in-memory workbook and on exceljs' streaming writer alike. */
class SheetWriter {
  shortenedCells = 0;
  private readonly styles = new StyleBook();
  private readonly direct = new Map<ExcelJS.Worksheet, RowXmlWriter>();

  /** `streaming`: the workbook is exceljs' streaming writer, whose body rows are written as XML directly. */
  constructor(private readonly streaming: boolean) {}

  /** Adds a sheet with its column widths, frozen bold header row. */
  open(workbook: ExcelJS.Workbook, name: string, columns: readonly ColumnLayout[]): ExcelJS.Worksheet {
    const sheet = workbook.addWorksheet(name, { views: FROZEN_HEADER });
    columns.forEach((column, c) => {
      sheet.getColumn(c + 1).width = column.width;
    });
    const header = sheet.getRow(1);
    columns.forEach((column, c) => this.setCell(header.getCell(c + 1), column.header, column, 'header'));
    header.commit();
    if (this.streaming) this.direct.set(sheet, new RowXmlWriter(sheet, columns.length));
    return sheet;
  }

  /** Row `r` (≥ 2); committing it lets the streaming writer write it out (a no-op in memory). */
  row(sheet: ExcelJS.Worksheet, r: number, columns: readonly ColumnLayout[], values: readonly CellInput[]): void {
    const direct = this.direct.get(sheet);
    if (direct) {
      direct.write(r, columns.map((column, c) => this.cellOf(values[c] ?? null, column, 'body')));
      return;
    }
    const row = sheet.getRow(r);
    columns.forEach((column, c) => this.setCell(row.getCell(c + 1), values[c] ?? null, column, 'body'));
    row.commit();
  }

  /** The filter covers the header and `lastRow`. */
  close(sheet: ExcelJS.Worksheet, columns: readonly ColumnLayout[], lastRow: number): void {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: columns.length } };
  }

  private setCell(cell: ExcelJS.Cell, value: CellInput, column: ColumnLayout, part: 'header' | 'body'): void {
    const stored = this.cellOf(value, column, part);
    cell.style = stored.style;
    // a string value is always a string cell: exceljs writes formulas only from objects
    if (stored.value !== null) cell.value = stored.value;
  }

  /** What a cell stores: the safe text (or number) and its shared style; counts cut texts. */
  private cellOf(value: CellInput, column: ColumnLayout, part: 'header' | 'body'): RowCell {
    const plain = this.styles.get(false, false, false, null);
    if (value === null || value === '') return { value: null, style: plain };
    if (typeof value === 'number') return { value, style: plain };
    const safe = safeCellText(value);
    if (safe.shortened) this.shortenedCells++;
    if (safe.text === '') return { value: null, style: plain };
    const body = part === 'body';
    const fill = body && column.adviceFill ? adviceFillColour(value) : null;
    return { value: safe.stored, style: this.styles.get(!body, body && column.wrap, safe.quotePrefix, fill) };
  }
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
class ResultRows {
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

function resultColumns(result: AnalysisResult): ColumnLayout[] {
  return [...RESULT_HEADERS.map(generatedLayout), ...originalHeaders(result.table.headers).map(originalLayout)];
}

function describeWorkbook(workbook: ExcelJS.Workbook, result: AnalysisResult): void {
  workbook.creator = 'Clause Cascade';
  const started = new Date(result.startedAt);
  if (!Number.isNaN(started.getTime())) {
    workbook.created = started;
    workbook.modified = started;
  }
}

/** Clusters and Statistieken, after Analyseresultaten: Statistieken reports the cells shortened on every sheet. */
function writeSummarySheets(workbook: ExcelJS.Workbook, writer: SheetWriter, rows: ResultRows, result: AnalysisResult): ExcelJS.Worksheet[] {
  const clusterColumns = CLUSTER_HEADERS.map(generatedLayout);
  const clusters = writer.open(workbook, SHEET_CLUSTERS, clusterColumns);
  let r = 1;
  for (const values of rows.clusterRows()) writer.row(clusters, ++r, clusterColumns, values);
  writer.close(clusters, clusterColumns, r);
  const statisticColumns = STATISTICS_HEADERS.map(generatedLayout);
  const shortenedCells = writer.shortenedCells;
  const statistics = writer.open(workbook, SHEET_STATISTICS, statisticColumns);
  r = 1;
  for (const values of statisticsRows(result, computeRunFacts(result), shortenedCells)) writer.row(statistics, ++r, statisticColumns, values);
  writer.close(statistics, statisticColumns, r);
  return [clusters, statistics];
}

/** exceljs pipes a streamed sheet into the zip through a readable-stream 2 PassThrough, which predates `writableNeedDrain`. */
interface CompressorInput extends EventEmitter {
  _writableState?: { needDrain: boolean };
}

/**
 * exceljs hands a streamed sheet's XML to the zip compressor without waiting for it, so rows written faster than
 * they are compressed pile up in memory (hundreds of MB at 100,000 rows). Waiting for the compressor's input to drain
 * keeps that to a few buffers; it also lets the event loop see a cancel request.
 */
async function compressorCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const input = (sheet as unknown as { stream?: { pipes?: CompressorInput[] } }).stream?.pipes?.[0];
  if (input?._writableState?.needDrain) await once(input, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

function rowCountMismatch(results: number, inputRows: number): Error {
  return new Error(`Report: ${results} row results for ${inputRows} input rows; every input row needs exactly one.`);
}

/** The report as an in-memory workbook, for a result whose table holds its rows (small tables, tests). */
export function buildReportWorkbook(result: AnalysisResult): ReportBuild {
  const tableRows = result.table.rows;
  if (!tableRows) throw new Error('Report: the input table\'s rows are not in memory; writeReport reads them from the source.');
  if (result.rows.length !== tableRows.length) throw rowCountMismatch(result.rows.length, tableRows.length);
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, result);
  installQuotePrefixStyles(workbook);
  const writer = new SheetWriter(false);
  const rows = new ResultRows(result);
  const columns = resultColumns(result);
  const sheet = writer.open(workbook, SHEET_RESULTS, columns);
  result.rows.forEach((row, i) => writer.row(sheet, i + 2, columns, rows.values(row, tableRows[i]!.cells)));
  writer.close(sheet, columns, result.rows.length + 1);
  writeSummarySheets(workbook, writer, rows, result);
  return { workbook, shortenedCells: writer.shortenedCells };
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array | ArrayBuffer;
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/**
 * Streams the report into a temporary file in the target folder and renames it into place (SPEC §10.1): rows go out
 * as they are made, and the original cells are read again from the source row by row, so neither the input nor the
 * report is ever held whole. A cancelled or failed run leaves no file.
 */
export interface WriteOptions {
  signal?: AbortSignal;
  /** Called every ROWS_PER_YIELD rows of Analyseresultaten with the number written so far. */
  onRows?: (rows: number) => void;
}

export async function writeReport(result: AnalysisResult, target: string, options: WriteOptions = {}): Promise<{ shortenedCells: number }> {
  let shortenedCells = 0;
  await withAtomicFile(target, async (temp) => {
    // Shared strings, though slower to write than inline strings: exceljs reads OOXML escapes (`_x000D_`, see
    // cells.ts) back only from shared strings, and the texts must read back unchanged.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: true });
    describeWorkbook(workbook, result);
    installStreamingQuotePrefixStyles(workbook);
    const writer = new SheetWriter(true);
    const rows = new ResultRows(result);
    const columns = resultColumns(result);
    const sheet = writer.open(workbook, SHEET_RESULTS, columns);
    let i = 0;
    for await (const originals of readTableRows(result.table, result.rows.length)) {
      const row = result.rows[i];
      if (!row) throw rowCountMismatch(result.rows.length, i + 1);
      writer.row(sheet, i + 2, columns, rows.values(row, originals));
      if (++i % ROWS_PER_YIELD === 0) {
        await compressorCaughtUp(sheet);
        throwIfCancelled(options.signal);
        options.onRows?.(i);
      }
    }
    if (i !== result.rows.length) throw rowCountMismatch(result.rows.length, i);
    writer.close(sheet, columns, i + 1);
    sheet.commit();
    for (const summary of writeSummarySheets(workbook, writer, rows, result)) summary.commit();
    await workbook.commit();
    shortenedCells = writer.shortenedCells;
  });
  return { shortenedCells };
}
