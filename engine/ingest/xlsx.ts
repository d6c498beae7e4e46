/**
 * `.xlsx` reading with exceljs (SPEC §4.2): byte checks first, then the chosen worksheet as a grid of text cells.
 * exceljs is loaded on the first whole-workbook read (a clause library, a small table): the policy workbook is
 * streamed by xlsx-stream.ts, and loading exceljs costs about 200 ms of every start.
 */
import { chooseSheet, RESAVE } from './sheets.ts';
import type ExcelJS from 'exceljs';
import { InputError } from '../util/errors.ts';
import { cellValueText } from './cell-text.ts';
import { assembleGrid, type AssembledGrid, type SourceRecord } from './table.ts';
import { inspectWorkbookBytes, MAX_UNCOMPRESSED_BYTES } from './zip-guard.ts';

export interface XlsxGrid extends AssembledGrid {
  sheet: string;
}


function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Throws an InputError for bytes no .xlsx reader must be given. */
export function assertReadableWorkbook(bytes: Uint8Array, file: string): void {
  const verdict = inspectWorkbookBytes(bytes);
  switch (verdict.kind) {
    case 'ok':
      return;
    case 'ole':
      throw new InputError(
        `${file} is password-protected or not an .xlsx workbook (encrypted or legacy .xls). ` +
          'Remove the password (File › Info › Protect Workbook) or save it as .xlsx in Excel, then try again.',
        file,
      );
    case 'not-zip':
      throw new InputError(`${file} is corrupt or not an .xlsx workbook (it is not a zip archive). ${RESAVE}`, file);
    case 'corrupt':
      throw new InputError(`${file} is a corrupt .xlsx workbook: ${verdict.reason}. ${RESAVE}`, file);
    case 'too-large':
      throw new InputError(
        `${file} declares more than ${formatBytes(verdict.uncompressedBytes)} of uncompressed content, over the ` +
          `${formatBytes(MAX_UNCOMPRESSED_BYTES)} limit, so it was not opened. Split the workbook or export the sheet as .csv.`,
        file,
      );
  }
}

async function loadWorkbook(bytes: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  assertReadableWorkbook(bytes, file);
  const { default: exceljs } = await import('exceljs');
  const workbook = new exceljs.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file} is a corrupt .xlsx workbook and could not be read (${detail}). ${RESAVE}`, file);
  }
  return workbook;
}

/** `input.sheet` (see chooseSheet) among the workbook's worksheets. */
export function pickWorksheet(workbook: ExcelJS.Workbook, wanted: string, file: string): ExcelJS.Worksheet {
  return chooseSheet(workbook.worksheets, wanted, file);
}

/** Merged-away cells (every cell of a merge except its top-left master) are empty. */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return '';
  return cellValueText(cell.value);
}

function worksheetRecords(worksheet: ExcelJS.Worksheet): SourceRecord[] {
  const byRow = new Map<number, string[]>();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell);
      if (text !== '') cells[column - 1] = text;
    });
    if (cells.length > 0) byRow.set(rowNumber, Array.from(cells, (text) => text ?? ''));
  });
  if (byRow.size === 0) return [];
  let first = Infinity;
  let last = 0;
  for (const r of byRow.keys()) {
    first = Math.min(first, r);
    last = Math.max(last, r);
  }
  const records: SourceRecord[] = [];
  for (let r = first; r <= last; r++) records.push({ sourceLine: r, cells: byRow.get(r) ?? [] });
  return records;
}

/** Reads one worksheet of an .xlsx file held in memory; `file` names it in messages. */
export async function readXlsxBytes(bytes: Uint8Array, file: string, sheet: string): Promise<XlsxGrid> {
  const workbook = await loadWorkbook(bytes, file);
  const worksheet = pickWorksheet(workbook, sheet, file);
  const grid = assembleGrid(
    worksheetRecords(worksheet),
    `${file}, sheet "${worksheet.name}"`,
    file,
    workbook.worksheets.length > 1 ? ', or choose another sheet with input.sheet' : '',
  );
  return { ...grid, sheet: worksheet.name };
}
