/**
 * The policy workbook's former streaming reader, exceljs' WorkbookReader, kept as the oracle of the differential
 * test: the own reader (engine/ingest/xlsx-stream.ts) must give the same records.
 */
import ExcelJS from 'exceljs';
import { InputError } from '../../engine/util/errors.ts';
import { cellValueText, decodeOoxmlEscapes } from '../../engine/ingest/cell-text.ts';
import { chooseSheet, RESAVE } from '../../engine/ingest/sheets.ts';
import type { SourceRecord } from '../../engine/ingest/table.ts';

interface SheetEntry {
  name: string;
  id: number;
}

/** The streaming reader's view of one worksheet: its name once known and its rows. */
interface WorksheetStream extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
}

interface ReaderModel {
  model?: { sheets?: SheetEntry[] };
}

/**
 * exceljs decodes OOXML escapes (`_x000D_` → CR) in shared and inline strings when it loads a whole workbook, but
 * not when it streams; the same decoding is applied here so both readers give the same text. Formula results are
 * not decoded by either.
 */

function streamedValue(value: ExcelJS.CellValue): unknown {
  if (typeof value === 'string') return decodeOoxmlEscapes(value);
  if (typeof value === 'object' && value !== null && 'richText' in value && Array.isArray(value.richText)) {
    return { richText: value.richText.map((run) => ({ text: typeof run.text === 'string' ? decodeOoxmlEscapes(run.text) : run.text })) };
  }
  return value;
}

interface OracleSheet {
  /** Worksheet name. */
  sheet: string;
  /** Number of worksheets in the workbook (messages suggest input.sheet when there are several). */
  sheetCount: number;
  /** Every record from the first to the last row with a non-empty cell, gaps as empty records. */
  records: AsyncGenerator<SourceRecord>;
}

/**
 * Opens `file` (already checked by assertReadableWorkbook) and resolves once the wanted worksheet is reached; its
 * records are then read on demand. Breaking out of `records` early stops reading the file.
 */
export async function streamWithExceljs(file: string, wanted: string): Promise<OracleSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<WorksheetStream>)[Symbol.asyncIterator]();
  let chosen: SheetEntry | null = null;
  let sheetCount = 0;
  for (;;) {
    let next: IteratorResult<WorksheetStream>;
    try {
      next = await sheets.next();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new InputError(`${file} is a corrupt .xlsx workbook and could not be read (${detail}). ${RESAVE}`, file);
    }
    if (next.done) break;
    const worksheet = next.value;
    if (chosen === null) {
      // workbook.xml precedes the worksheets in every writer's zip order, so the sheet list is known here.
      const list = [...((reader as unknown as ReaderModel).model?.sheets ?? [])].filter(Boolean);
      sheetCount = list.length;
      chosen = chooseSheet(list, wanted, file);
    }
    if (worksheet.name !== chosen.name) {
      // Read through, not skipped: a sheet the reader parked in a temporary file (its shared strings came later) is
      // deleted once passed, and a stream left unread would then fail to open it.
      for await (const _ of worksheet);
      continue;
    }
    return { sheet: chosen.name, sheetCount, records: sheetRecords(worksheet, sheets) };
  }
  if (chosen !== null) throw new InputError(`Sheet "${chosen.name}" of ${file} has no worksheet part. ${RESAVE}`, file);
  throw new InputError(`${file} contains no worksheets (it may not be an .xlsx workbook). ${RESAVE}`, file);
}

async function* sheetRecords(worksheet: WorksheetStream, sheets: AsyncIterator<WorksheetStream>): AsyncGenerator<SourceRecord> {
  let nextLine = 0; // the first row with a value starts the records
  try {
    for await (const row of worksheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const text = cellValueText(streamedValue(cell.value));
        if (text !== '') cells[column - 1] = text;
      });
      if (cells.length === 0) continue;
      if (nextLine > 0) for (; nextLine < row.number; nextLine++) yield { sourceLine: nextLine, cells: [] };
      yield { sourceLine: row.number, cells: Array.from(cells, (text) => text ?? '') };
      nextLine = row.number + 1;
    }
  } finally {
    // Closing the workbook iterator stops the unzip stream when the caller stops early.
    await sheets.return?.();
  }
}
