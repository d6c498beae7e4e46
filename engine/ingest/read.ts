/**
 * Reading a tabular input file whole: the policy workbook's fallback for .csv, clause libraries and instruction
 * tables (SPEC §4.2).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../util/errors.ts';
import { readCsvText } from './csv.ts';
import { decodeText } from './decode.ts';
import { noDataRowsWarning, type RawTable } from './table.ts';
import { readXlsxBytes } from './xlsx.ts';

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
  if (format === 'csv') {
    const { text, encoding } = decodeText(bytes);
    const grid = readCsvText(text, file, file);
    table = { ...base, sheet: null, headers: grid.headers, rows: grid.rows, headerLine: grid.headerLine, encoding, delimiter: grid.delimiter, warnings: grid.warnings };
  } else {
    const grid = await readXlsxBytes(bytes, file, sheet);
    table = { ...base, sheet: grid.sheet, headers: grid.headers, rows: grid.rows, headerLine: grid.headerLine, encoding: null, delimiter: null, warnings: [] };
  }
  if (table.rows.length === 0) table.warnings.push(noDataRowsWarning(file, table.sheet, table.headerLine));
  return table;
}
