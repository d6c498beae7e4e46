/**
 * Labeled synthetic workbooks (SPEC §12 `generate`, §13.1): rows from the seed-style or realistic generator, written
 * as .xlsx (sheet `Polisregels`) or .csv (UTF-8 with BOM, `;`, RFC 4180 quoting), atomically.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { UsageError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { generateHeldOutRows } from './heldout.ts';
import { generateNoisyRows } from './noisy.ts';
import { generateRealisticRows } from './realistic.ts';
import { generateSeedRows } from './seed-style.ts';
import { pinZipTimestamps } from './zip-timestamps.ts';
import { GENERATOR_STYLES, type GeneratedRow, type GeneratorStyle } from './types.ts';

export { GENERATOR_STYLES, type GeneratedRow, type GeneratorStyle } from './types.ts';
export { generateHeldOutRows, HELD_OUT_SEED } from './heldout.ts';
export { generateSeedRows } from './seed-style.ts';
export { generateRealisticRows } from './realistic.ts';

export const GENERATED_SHEET = 'Polisregels';
const DEFAULT_COLUMNS = ['Polisnummer', 'Tekst', 'Label'];
/** Fixed workbook and zip-entry timestamps make a generated .xlsx byte-identical from run to run. */
const WORKBOOK_DATE = new Date(Date.UTC(2024, 0, 1));

export interface GenerateOptions {
  rows: number;
  seed?: number;
  style?: GeneratorStyle;
}

export function generateRows({ rows, seed = 42, style = 'realistic' }: GenerateOptions): GeneratedRow[] {
  if (!Number.isSafeInteger(rows) || rows < 0) {
    throw new UsageError(`--rows must be a whole number of 0 or more (got ${rows}).`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number (got ${seed}).`);
  switch (style) {
    case 'seed':
      return generateSeedRows(rows, seed);
    case 'realistic':
      return generateRealisticRows(rows, seed);
    case 'noisy':
      return generateNoisyRows(rows, seed);
    case 'heldout':
      return generateHeldOutRows(rows, seed);
    default:
      throw new UsageError(`--style must be one of ${GENERATOR_STYLES.join(', ')} (got '${String(style)}').`);
  }
}

/** Columns in order of first appearance across the rows (the first row's key order, in practice). */
export function generatedColumns(rows: readonly GeneratedRow[]): string[] {
  if (rows.length === 0) return [...DEFAULT_COLUMNS];
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** RFC 4180 field: quoted when it holds the delimiter, a quote or a line break; quotes doubled. */
function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly GeneratedRow[]): Uint8Array {
  const columns = generatedColumns(rows);
  const lines = [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))].map((cells) =>
    cells.map(csvField).join(';'),
  );
  const body = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
}

export async function toXlsx(rows: readonly GeneratedRow[]): Promise<Uint8Array> {
  const columns = generatedColumns(rows);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'clause-cascade generate';
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  const sheet = workbook.addWorksheet(GENERATED_SHEET);
  sheet.columns = columns.map((header) => ({ header, key: header, width: header === 'Tekst' ? 100 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? ''));
  const buffer = await workbook.xlsx.writeBuffer();
  return pinZipTimestamps(new Uint8Array(buffer as ArrayBuffer), WORKBOOK_DATE);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the rows as .xlsx or .csv, chosen by the lower-cased extension. An existing file is only replaced with
 * `overwrite: true`.
 */
export async function writeGeneratedWorkbook(
  rows: readonly GeneratedRow[],
  outFile: string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const extension = path.extname(outFile).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') {
    throw new UsageError(
      `Cannot write '${outFile}': unsupported extension '${extension || '(none)'}'. Use a file ending in .xlsx or .csv.`,
    );
  }
  if (!options.overwrite && (await exists(outFile))) {
    throw new UsageError(`'${outFile}' already exists. Choose another --out file or pass --overwrite to replace it.`);
  }
  const data = extension === '.csv' ? toCsv(rows) : await toXlsx(rows);
  await fs.mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
  await writeFileAtomic(outFile, data);
}
