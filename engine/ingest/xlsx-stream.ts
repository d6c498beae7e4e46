/**
 * `.xlsx` reading row by row: the zip directory, the workbook-level parts and then one worksheet, inflated and
 * scanned piece by piece, so a sheet of a million rows is never held as one string or as cell objects. Yields the
 * same records as the whole-workbook reader (xlsx.ts), with one documented difference: merges are not looked up, so
 * a merged-away cell is read as stored — empty in every workbook Excel or exceljs writes (docs/decisions.md).
 */
import { InputError } from '../util/errors.ts';
import { chooseSheet, RESAVE } from './sheets.ts';
import type { SourceRecord } from './table.ts';
import { readBookFacts, readDateStyles, readSharedStrings } from './xlsx-book.ts';
import { worksheetRecords } from './xlsx-sheet.ts';
import { MalformedXml } from './xml-scan.ts';
import { CorruptZip, listZipEntries, type ZipEntry } from './zip-directory.ts';
import { entryTextPieces } from './zip-text.ts';

export interface StreamedSheet {
  /** Worksheet name. */
  sheet: string;
  /** Number of worksheets in the workbook (messages suggest input.sheet when there are several). */
  sheetCount: number;
  /** Every record from the first to the last row with a non-empty cell, gaps as empty records. */
  records: AsyncGenerator<SourceRecord>;
}

/** Damage found while reading: a broken zip, inflate failure or XML that is not a workbook part's. */
function isDamage(error: unknown): error is Error {
  if (error instanceof CorruptZip || error instanceof MalformedXml) return true;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_ZLIB'));
}

const corrupt = (file: string, error: Error): InputError =>
  new InputError(`${file} is a corrupt .xlsx workbook and could not be read (${error.message}). ${RESAVE}`, file);

/**
 * Opens the workbook `bytes` (already checked by assertReadableWorkbook; `file` names it in messages) and resolves
 * once the wanted worksheet is found; its records are then read on demand. Breaking out of `records` early stops
 * inflating.
 */
export async function streamXlsxSheet(bytes: Uint8Array, file: string, wanted: string): Promise<StreamedSheet> {
  const describeError = (error: unknown): unknown => (isDamage(error) ? corrupt(file, error) : error);
  try {
    const entries = new Map<string, ZipEntry>(listZipEntries(bytes).map((entry) => [entry.name, entry]));
    const book = readBookFacts(bytes, entries);
    const chosen = chooseSheet(book.sheets, wanted, file);
    const part = chosen.part === null ? undefined : entries.get(chosen.part);
    if (part === undefined) throw new InputError(`Sheet "${chosen.name}" of ${file} has no worksheet part. ${RESAVE}`, file);
    const context = { sharedStrings: await readSharedStrings(bytes, entries), dateStyles: readDateStyles(bytes, entries), date1904: book.date1904 };
    return { sheet: chosen.name, sheetCount: book.sheets.length, records: worksheetRecords(entryTextPieces(bytes, part), context, describeError) };
  } catch (error) {
    throw describeError(error);
  }
}
