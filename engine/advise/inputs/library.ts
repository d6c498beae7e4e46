/**
 * Clause libraries ("clausulebibliotheek", SPEC §4.7): `.xlsx`/`.csv` tables of standard clauses with a code and a
 * text column.
 *
 * Error policy. §4.7 says a file without a code or text column is skipped with a warning; the product issue also asks
 * that "a library without a Code column gives a clear error naming the file, and no report". Both hold here: a file
 * missing a required column is skipped with a warning as long as another library file is usable, but when *no* given
 * library file has both columns the run stops with an InputError naming the files and the missing columns. A file
 * that has the columns but yields no entry (no data rows, or no row with a code and a text of more than 10
 * characters) is an InputError too ("clause library … contains no entries"): a user who passes a library expects it
 * to be used, and an empty export is almost always the wrong file.
 */
import { extname } from 'node:path';
import { readTable, type RawTable } from '../../ingest/index.ts';
import { simplify } from '../../normalise/simplify.ts';
import { InputError } from '../../util/errors.ts';
import { codePointLength } from '../../util/text.ts';
import { warning, type Warning } from '../../util/warnings.ts';

export interface LibraryEntry {
  code: string;
  /** Trimmed clause text. */
  text: string;
  simplified: string;
  category: string;
  description: string;
}

export interface LibraryResult {
  entries: LibraryEntry[];
  warnings: Warning[];
}

export const LIBRARY_EXTENSIONS = ['.xlsx', '.csv'] as const;
export const LIBRARY_SHEET = 'Clausules';
const DEFAULT_CATEGORY = 'Algemeen';
const MIN_TEXT_EXCLUSIVE = 10;

const CODE_HEADERS = ['code', 'clausulecode', 'clause_code'];
const TEXT_HEADERS = ['tekst', 'text', 'clausule', 'clause', 'inhoud', 'content'];
const CATEGORY_HEADERS = ['categorie', 'category', 'type'];
const DESCRIPTION_HEADERS = ['beschrijving', 'description', 'omschrijving'];

/** Index of the first header (file order) whose lower-cased, trimmed form is one of the aliases; -1 if none. */
export function findColumn(headers: string[], aliases: readonly string[]): number {
  return headers.findIndex((header) => aliases.includes(header.trim().toLowerCase()));
}

interface LibraryColumns {
  code: number;
  text: number;
  category: number;
  description: number;
}

function libraryColumns(table: RawTable): LibraryColumns | { missing: string[] } {
  const code = findColumn(table.headers, CODE_HEADERS);
  const text = findColumn(table.headers, TEXT_HEADERS);
  const missing: string[] = [];
  if (code < 0) missing.push(`code column (${CODE_HEADERS.join(', ')})`);
  if (text < 0) missing.push(`text column (${TEXT_HEADERS.join(', ')})`);
  if (missing.length > 0) return { missing };
  return { code, text, category: findColumn(table.headers, CATEGORY_HEADERS), description: findColumn(table.headers, DESCRIPTION_HEADERS) };
}

/**
 * The table of one library file: the first worksheet, or — when that lacks the columns — a sheet named `Clausules`
 * (the usual export) if the workbook has one.
 */
async function libraryTable(file: string): Promise<{ table: RawTable; columns: LibraryColumns | { missing: string[] } }> {
  const table = await readTable(file);
  const columns = libraryColumns(table);
  if ('missing' in columns && table.format === 'xlsx' && table.sheet !== LIBRARY_SHEET) {
    const named = await readTable(file, LIBRARY_SHEET).catch(() => null);
    if (named) {
      const namedColumns = libraryColumns(named);
      if (!('missing' in namedColumns)) return { table: named, columns: namedColumns };
    }
  }
  return { table, columns };
}

export function tableEntries(table: RawTable, columns: LibraryColumns): LibraryEntry[] {
  const entries: LibraryEntry[] = [];
  for (const row of table.rows) {
    const code = (row.cells[columns.code] ?? '').trim();
    const text = (row.cells[columns.text] ?? '').trim();
    if (code === '' || codePointLength(text) <= MIN_TEXT_EXCLUSIVE) continue;
    const category = columns.category >= 0 ? (row.cells[columns.category] ?? '').trim() : '';
    const description = columns.description >= 0 ? (row.cells[columns.description] ?? '').trim() : '';
    entries.push({ code, text, simplified: simplify(text), category: category || DEFAULT_CATEGORY, description });
  }
  return entries;
}

/** Reads clause libraries in file order; entries of all files are used together (ties go to the earlier entry). */
export async function readLibrary(files: string[]): Promise<LibraryResult> {
  const entries: LibraryEntry[] = [];
  const warnings: Warning[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (!(LIBRARY_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase())) {
      throw new InputError(
        `Clause library ${file} has an unsupported extension "${extname(file)}". Accepted extensions: ${LIBRARY_EXTENSIONS.join(', ')}.`,
        file,
      );
    }
    const { table, columns } = await libraryTable(file);
    const where = table.sheet ? `${file} (sheet ${table.sheet})` : file;
    warnings.push(...table.warnings);
    if ('missing' in columns) {
      const [missing, found] = [columns.missing.join(' and no '), table.headers.join(', ') || '(none)'];
      skipped.push(`Clause library ${where} has no ${missing}; found columns: ${found}.`);
      warnings.push(warning('library.missingColumns', { file: where, missing, found }));
      continue;
    }
    const fileEntries = tableEntries(table, columns);
    if (fileEntries.length === 0) {
      throw new InputError(
        `Clause library ${where} contains no entries: no row has both a code and a text longer than ${MIN_TEXT_EXCLUSIVE} characters. ` +
          'Check that this is the right file and that the clauses are below the header row.',
        file,
      );
    }
    entries.push(...fileEntries);
  }
  if (files.length > 0 && skipped.length === files.length) {
    throw new InputError(
      `${skipped.join(' ')} Rename the columns (for example Code and Tekst) or pass the right file.`,
      files.length === 1 ? files[0] : undefined,
    );
  }
  warnings.push(...duplicateCodeWarnings(entries));
  return { entries, warnings };
}

function duplicateCodeWarnings(entries: LibraryEntry[]): Warning[] {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.code, (counts.get(entry.code) ?? 0) + 1);
  const duplicates = [...counts].filter(([, count]) => count > 1).map(([code, count]) => `${code} (${count}x)`);
  if (duplicates.length === 0) return [];
  return [warning('library.duplicateCodes', { codes: duplicates.join(', ') })];
}
