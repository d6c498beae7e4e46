/**
 * The Excel report (SPEC §10): `Analyseresultaten` (one row per input row, in input order), `Clusters` (creation
 * order) and `Statistieken`, streamed as an .xlsx package of its own making (zip-writer.ts, package-parts.ts): rows
 * go out as they are made, so neither the input nor the report is ever held whole; only the distinct texts are.
 */
import { adviceFill } from '../advise/labels.ts';
import { readTableRows } from '../ingest/index.ts';
import type { AnalysisResult } from '../pipeline/types.ts';
import { withAtomicFile } from '../util/atomic.ts';
import { throwIfCancelled } from '../util/errors.ts';
import { safeCellText } from './cells.ts';
import { computeRunFacts } from './facts.ts';
import {
  CLUSTER_HEADERS,
  generatedLayout,
  resultColumns,
  ResultRows,
  SHEET_CLUSTERS,
  SHEET_RESULTS,
  SHEET_STATISTICS,
  STATISTICS_HEADERS,
  type CellInput,
  type ColumnLayout,
} from './layout.ts';
import { packageParts, SHARED_STRINGS_PART, sheetPartName, STYLES_PART } from './package-parts.ts';
import { SharedStrings } from './shared-strings.ts';
import { SheetXmlWriter, type RowCell } from './sheet-xml.ts';
import { statisticsRows } from './statistics.ts';
import { StyleBook } from './style-book.ts';
import { ZipFileWriter } from './zip-writer.ts';

const SHEET_NAMES = [SHEET_RESULTS, SHEET_CLUSTERS, SHEET_STATISTICS];
const CREATOR = 'Clause Cascade';
/** Rows between yields to the event loop: the compressor catches up and a cancel request is seen. */
const ROWS_PER_YIELD = 2_000;

/** Turns row values into cells of the package: safe texts, format ids, shared strings; counts cut texts. */
class ReportCells {
  shortenedCells = 0;
  readonly styles = new StyleBook();
  readonly strings = new SharedStrings();

  /** A sheet with its column widths and its bold header row. */
  open(zip: ZipFileWriter, n: number, columns: readonly ColumnLayout[]): SheetXmlWriter {
    const sheet = new SheetXmlWriter(zip.entry(sheetPartName(n)), this.strings, columns.map((column) => column.width));
    sheet.row(1, columns.map((column) => this.cellOf(column.header, column, 'header')));
    return sheet;
  }

  row(sheet: SheetXmlWriter, r: number, columns: readonly ColumnLayout[], values: readonly CellInput[]): void {
    sheet.row(r, columns.map((column, c) => this.cellOf(values[c] ?? null, column, 'body')));
  }

  private cellOf(value: CellInput, column: ColumnLayout, part: 'header' | 'body'): RowCell {
    if (value === null || value === '') return { value: null, style: 0 };
    if (typeof value === 'number') return { value, style: 0 };
    const safe = safeCellText(value);
    if (safe.shortened) this.shortenedCells++;
    if (safe.text === '') return { value: null, style: 0 };
    const body = part === 'body';
    const fill = body && column.adviceFill ? adviceFill(value) : null;
    return { value: safe.stored, style: this.styles.id(!body, body && column.wrap, safe.quotePrefix, fill) };
  }
}

/** A sheet written whole: Clusters and Statistieken are small. */
async function writeSmallSheet(zip: ZipFileWriter, cells: ReportCells, n: number, columns: readonly ColumnLayout[], rows: Iterable<readonly CellInput[]>): Promise<void> {
  const sheet = cells.open(zip, n, columns);
  let r = 1;
  for (const values of rows) {
    cells.row(sheet, ++r, columns, values);
    if (r % ROWS_PER_YIELD === 0) await sheet.caughtUp();
  }
  await sheet.close(r);
}

function rowCountMismatch(results: number, inputRows: number): Error {
  return new Error(`Report: ${results} row results for ${inputRows} input rows; every input row needs exactly one.`);
}

function startTime(result: AnalysisResult): Date {
  const started = new Date(result.startedAt);
  return Number.isNaN(started.getTime()) ? new Date() : started;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called every ROWS_PER_YIELD rows of Analyseresultaten with the number written so far. */
  onRows?: (rows: number) => void;
}

async function writePackage(result: AnalysisResult, zip: ZipFileWriter, options: WriteOptions): Promise<number> {
  for (const part of packageParts(SHEET_NAMES, CREATOR, startTime(result))) await zip.add(part.name, part.xml);
  const cells = new ReportCells();
  const rows = new ResultRows(result);
  const columns = resultColumns(result);
  const sheet = cells.open(zip, 1, columns);
  let i = 0;
  // the original cells are read again from the source, row by row
  for await (const originals of readTableRows(result.table, result.rows.length)) {
    const row = result.rows[i];
    if (!row) throw rowCountMismatch(result.rows.length, i + 1);
    cells.row(sheet, i + 2, columns, rows.values(row, originals));
    if (++i % ROWS_PER_YIELD === 0) {
      await sheet.caughtUp();
      throwIfCancelled(options.signal);
      options.onRows?.(i);
    }
  }
  if (i !== result.rows.length) throw rowCountMismatch(result.rows.length, i);
  await sheet.close(i + 1);
  await writeSmallSheet(zip, cells, 2, CLUSTER_HEADERS.map(generatedLayout), rows.clusterRows());
  // Statistieken reports the cells shortened on the sheets before it
  const facts = statisticsRows(result, computeRunFacts(result), cells.shortenedCells);
  await writeSmallSheet(zip, cells, 3, STATISTICS_HEADERS.map(generatedLayout), facts);
  const strings = zip.entry(SHARED_STRINGS_PART);
  await cells.strings.write(strings);
  await strings.close();
  await zip.add(STYLES_PART, cells.styles.xml());
  await zip.close();
  return cells.shortenedCells;
}

/**
 * Streams the report into a temporary file in the target folder and renames it into place (SPEC §10.1); a cancelled
 * or failed run leaves no file.
 */
export async function writeReport(result: AnalysisResult, target: string, options: WriteOptions = {}): Promise<{ shortenedCells: number }> {
  let shortenedCells = 0;
  await withAtomicFile(target, async (temp) => {
    const zip = new ZipFileWriter(temp, startTime(result));
    try {
      shortenedCells = await writePackage(result, zip, options);
    } catch (error) {
      await zip.abort();
      throw error;
    }
  });
  return { shortenedCells };
}
