/**
 * Ingest stage (SPEC §4.1–§4.5): a policy workbook (.xlsx or .csv) → PolicyTable, with the text and policy-number
 * columns chosen. `readTable` is the generic header + rows reader for clause libraries and instruction tables.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import { InputError } from '../util/errors.ts';
import { trimUnicode } from '../util/text.ts';
import { detectPolicyColumn, detectTextColumn, type ColumnChoice } from './columns.ts';
import { readCsvText } from './csv.ts';
import { decodeText } from './decode.ts';
import type { RawTable, TableRow } from './table.ts';
import { readXlsxBytes } from './xlsx.ts';

export type { ColumnChoice } from './columns.ts';
export type { RawTable, TableRow } from './table.ts';
export { decodeText, decodeWindows1252, type DecodedText, type TextEncodingName } from './decode.ts';
export { normaliseHeaders, policyKey, detectPolicyColumn, detectTextColumn } from './columns.ts';
export { sniffDelimiter, parseCsv, type Delimiter } from './csv.ts';
export { cellValueText, formatNumber, formatDate } from './cell-text.ts';

export interface PolicyTable extends RawTable {
  textColumn: ColumnChoice;
  policyColumn: ColumnChoice | null;
}

/** One data row as a clause record of §4.5, before normalisation (simplified and clustering texts come later). */
export interface ClauseInput {
  /** 1-based position among the data rows. */
  rowNumber: number;
  sourceLine: number;
  /** The text cell exactly as read. */
  rawText: string;
  /** Trimmed policy number; null without a policy column or when the cell is empty. */
  policyNumber: string | null;
  cells: string[];
}

export const TABLE_EXTENSIONS = ['.xlsx', '.csv'] as const;

/** The format follows the lower-cased extension; anything else is refused. */
export function tableFormatOf(file: string): 'xlsx' | 'csv' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw new InputError(
    `${file} has an unsupported extension${extension ? ` (${extension})` : ''}; accepted are ${TABLE_EXTENSIONS.join(' and ')}. ` +
      'Save the table as an Excel workbook (.xlsx) or as .csv.',
    file,
  );
}

/** Reads a whole input file (never writing to it), turning file-system failures into readable errors. */
export async function readInputBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`File not found: ${file}. Check the path and the file name.`, file);
    if (code === 'EISDIR') throw new InputError(`${file} is a folder, not a file. Name the workbook itself.`, file);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InputError(`${file} cannot be read (permission denied). Check the file's permissions or close the program that locks it.`, file);
    }
    throw new InputError(`${file} cannot be read: ${(error as Error).message}.`, file);
  }
}

/** Header + rows of an .xlsx (worksheet `sheet`: name or 1-based index, empty = first) or .csv file. */
export async function readTable(file: string, sheet = ''): Promise<RawTable> {
  const format = tableFormatOf(file);
  const bytes = await readInputBytes(file);
  const base = { file: path.resolve(file), format };
  let table: RawTable;
  let where: string;
  if (format === 'csv') {
    const { text, encoding } = decodeText(bytes);
    where = file;
    const grid = readCsvText(text, where, file);
    table = { ...base, sheet: null, headers: grid.headers, rows: grid.rows, headerLine: grid.headerLine, encoding, delimiter: grid.delimiter, warnings: grid.warnings };
  } else {
    const grid = await readXlsxBytes(bytes, file, sheet);
    where = `${file}, sheet "${grid.sheet}"`;
    table = { ...base, sheet: grid.sheet, headers: grid.headers, rows: grid.rows, headerLine: grid.headerLine, encoding: null, delimiter: null, warnings: [] };
  }
  if (table.rows.length === 0) {
    table.warnings.push(`${where} has a header row (${format === 'csv' ? 'line' : 'row'} ${table.headerLine}) but no data rows; the report will be empty.`);
  }
  return table;
}

/** Reads the policy workbook and chooses its text column (§4.3) and policy-number column (§4.4). */
export async function readPolicyWorkbook(file: string, input: Settings['input']): Promise<PolicyTable> {
  const table = await readTable(file, input.sheet);
  const where = table.sheet === null ? file : `${file}, sheet "${table.sheet}"`;
  const policyColumn = detectPolicyColumn(table.headers, input.policyColumn, where, file);
  const textColumn = detectTextColumn(table.headers, table.rows, policyColumn?.index ?? null, input.textColumn, where, file);
  return { ...table, textColumn, policyColumn };
}

/** The clause records of §4.5 (no row is ever filtered out). */
export function clauseInputs(table: PolicyTable): ClauseInput[] {
  return table.rows.map((row: TableRow, i) => {
    const policy = table.policyColumn === null ? '' : trimUnicode(row.cells[table.policyColumn.index] ?? '');
    return {
      rowNumber: i + 1,
      sourceLine: row.sourceLine,
      rawText: row.cells[table.textColumn.index] ?? '',
      policyNumber: policy === '' ? null : policy,
      cells: row.cells,
    };
  });
}
