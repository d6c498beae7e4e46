/**
 * Shared shape of every tabular input (policy workbook, clause library, instruction table) and the step that turns a
 * grid of records into headers + data rows (SPEC §4.2 "Both").
 */
import { InputError } from '../util/errors.ts';
import { trimUnicode } from '../util/text.ts';
import { warning, type Warning } from '../util/warnings.ts';
import { normaliseHeaders } from './columns.ts';

export interface TableRow {
  /** Sheet row or CSV line where the record starts (1-based), for messages. */
  sourceLine: number;
  /** cells.length === headers.length; every value is text, an empty cell is "". */
  cells: string[];
}

export interface RawTable {
  /** Absolute path of the file. */
  file: string;
  format: 'xlsx' | 'csv';
  /** Worksheet name (xlsx), else null. */
  sheet: string | null;
  /** After `Kolom {n}` / ` (2)` de-duplication, original order. */
  headers: string[];
  /** Every data row, empty rows in between kept. */
  rows: TableRow[];
  /** Sheet row or CSV line of the header row. */
  headerLine: number;
  /** csv: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'. */
  encoding: string | null;
  /** csv: ';' | ',' | '\t' | null (single column). */
  delimiter: string | null;
  warnings: Warning[];
}

/** One record of the source grid before the header is known. */
export interface SourceRecord {
  sourceLine: number;
  cells: string[];
}

export interface AssembledGrid {
  headers: string[];
  /** Number of cells in the header record itself (CSV: the header's field count). */
  headerWidth: number;
  headerLine: number;
  rows: TableRow[];
  /** Number of cells each data record had before padding (CSV: its field count). */
  rowWidths: number[];
}

/** Whitespace-only cells count as empty when looking for the header and the last data row. */
export const isEmptyRecord = (record: { cells: readonly string[] }): boolean => record.cells.every((cell) => trimUnicode(cell) === '');

/**
 * The header is the first record with a non-empty cell; data rows run to the last record with a non-empty cell, and
 * empty records in between are kept. Every row is padded to the full width; missing headers become `Kolom {n}`.
 * `where` names the file (and sheet) in messages; `hint` extends the advice of the no-header message.
 */
export function assembleGrid(records: SourceRecord[], where: string, file: string, hint = ''): AssembledGrid {
  const headerIndex = records.findIndex((record) => !isEmptyRecord(record));
  if (headerIndex < 0) {
    throw new InputError(
      `${where} has no header row: every cell is empty. Put the column headers in the first row and one clause per row below them${hint}.`,
      file,
    );
  }
  let lastIndex = records.length - 1;
  while (lastIndex > headerIndex && isEmptyRecord(records[lastIndex]!)) lastIndex--;

  const header = records[headerIndex]!;
  const data = records.slice(headerIndex + 1, lastIndex + 1);
  const width = data.reduce((max, record) => Math.max(max, record.cells.length), header.cells.length);
  const pad = (cells: string[]): string[] =>
    cells.length === width ? cells : [...cells, ...new Array<string>(width - cells.length).fill('')];

  return {
    headers: normaliseHeaders(pad(header.cells)),
    headerWidth: header.cells.length,
    headerLine: header.sourceLine,
    rows: data.map((record) => ({ sourceLine: record.sourceLine, cells: pad(record.cells) })),
    rowWidths: data.map((record) => record.cells.length),
  };
}

/** "3, 7, 9" or "3, 7, …": the first ten line numbers (the warning states the count). */
export function describeLines(lines: number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown}, …` : shown;
}

/** The warning for a table with a header but no data rows (SPEC §4.2: valid, an empty report). */
export function noDataRowsWarning(file: string, sheet: string | null, headerLine: number): Warning {
  return sheet === null ? warning('ingest.noDataRowsCsv', { file, line: headerLine }) : warning('ingest.noDataRowsSheet', { file, sheet, row: headerLine });
}
