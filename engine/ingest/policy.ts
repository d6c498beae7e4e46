/**
 * The policy workbook (SPEC §4.2–§4.5) read for the analysis: a first streaming pass keeps per data row only what
 * the analysis needs (text, policy number, source line); the report reads the original cells again with
 * `readTableRows`, a second streaming pass.
 */
import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import { InputError, throwIfCancelled } from '../util/errors.ts';
import { AVERAGE_ROWS, detectPolicyColumn, detectTextColumn, normaliseHeaders, type ColumnChoice } from './columns.ts';
import { csvWarnings, type Delimiter } from './csv.ts';
import { streamCsv } from './csv-stream.ts';
import type { TextEncodingName } from './decode.ts';
import { readInputBytes, readTable, tableFormatOf } from './read.ts';
import { isEmptyRecord, noDataRowsWarning, type RawTable, type SourceRecord, type TableRow } from './table.ts';
import { assertReadableWorkbook } from './xlsx.ts';
import { streamXlsxSheet } from './xlsx-stream.ts';

export interface PolicyTable extends Omit<RawTable, 'rows'> {
  textColumn: ColumnChoice;
  policyColumn: ColumnChoice | null;
  /**
   * Every data row's cells, when they are held in memory (a table built by hand, or a small one read from its file);
   * absent for a larger table read from its file, whose rows `readTableRows` reads again from the source.
   */
  rows?: TableRow[];
}

/** The per-row facts of §4.5 the analysis works on, in data-row order (row number = index + 1). */
export interface PolicyClauses {
  /** The text cell exactly as read; equal texts share one string. */
  texts: string[];
  /** Trimmed policy number; null without a policy column or when the cell is empty. */
  policyNumbers: (string | null)[];
  /** Sheet row or CSV line of each data row, for messages. */
  sourceLines: Int32Array;
}

export interface PolicyInput {
  table: PolicyTable;
  clauses: PolicyClauses;
}

interface Columns {
  text: ColumnChoice;
  policy: ColumnChoice | null;
}

/** Collects the clause columns of the data rows; equal texts are stored once. */
class ClauseCollector {
  readonly texts: string[] = [];
  readonly policyNumbers: (string | null)[] = [];
  readonly sourceLines: number[] = [];
  private readonly interned = new Map<string, string>();
  constructor(private readonly columns: Columns) {}

  add(sourceLine: number, cells: readonly string[]): void {
    const raw = cells[this.columns.text.index] ?? '';
    let text = this.interned.get(raw);
    if (text === undefined) this.interned.set(raw, (text = raw));
    const policy = this.columns.policy === null ? '' : (cells[this.columns.policy.index] ?? '').trim();
    this.texts.push(text);
    this.policyNumbers.push(policy === '' ? null : policy);
    this.sourceLines.push(sourceLine);
  }

  result(): PolicyClauses {
    return { texts: this.texts, policyNumbers: this.policyNumbers, sourceLines: Int32Array.from(this.sourceLines) };
  }
}

function chooseColumns(headers: string[], sample: readonly TableRow[], input: Settings['input'], where: string, file: string): Columns {
  const policy = detectPolicyColumn(headers, input.policyColumn, where, file);
  const text = detectTextColumn(headers, sample, policy?.index ?? null, input.textColumn, where, file);
  return { text, policy };
}

const sameChoice = (a: Columns, b: Columns): boolean =>
  a.text.index === b.text.index && a.text.header === b.text.header && (a.policy?.index ?? -1) === (b.policy?.index ?? -1) && a.policy?.header === b.policy?.header;

interface Scan {
  headerCells: string[] | null;
  headerLine: number;
  width: number;
  sample: TableRow[];
  /** Chosen once the sample is full; null before, or when the early choice failed and must wait for all headers. */
  columns: Columns | null;
  clauses: ClauseCollector | null;
  rows: number;
  /** Data rows with more cells than the header row. */
  longLines: number[];
  /** Every data row's cells while there are at most `keepRowsUpTo`; null once there are more. */
  kept: TableRow[] | null;
}

const padded = (cells: readonly string[], width: number): string[] =>
  cells.length >= width ? [...cells] : [...cells, ...new Array<string>(width - cells.length).fill('')];

/**
 * One pass over the records: header = first non-empty record, data rows up to the last non-empty record, padded to
 * the widest (assembleGrid's rules, table.ts). Columns are chosen from the first AVERAGE_ROWS data rows, as §4.3
 * prescribes; `fixed` skips that choice (the second pass after a late change of headers).
 */
export interface ReadOptions {
  signal?: AbortSignal;
  /** Called every ROWS_PER_REPORT data rows with the number read so far. */
  onRows?: (rows: number) => void;
  /** Tables with at most this many data rows keep their cells in memory (default KEEP_ROWS_UP_TO). */
  keepRowsUpTo?: number;
}

/**
 * Up to this many data rows, the original cells stay in memory for the report instead of being read again from the
 * source: a second pass costs about 8% of a 20,000-row run, and the cells of that many rows only a few MB.
 */
const KEEP_ROWS_UP_TO = 25_000;

/** Rows between progress reports and cancellation checks while reading. */
const ROWS_PER_REPORT = 5_000;

async function scanRecords(records: AsyncIterable<SourceRecord>, input: Settings['input'], where: string, file: string, fixed: Columns | null, options: ReadOptions): Promise<Scan> {
  const keepRowsUpTo = options.keepRowsUpTo ?? KEEP_ROWS_UP_TO;
  const scan: Scan = { headerCells: null, headerLine: 0, width: 0, sample: [], columns: fixed, clauses: fixed ? new ClauseCollector(fixed) : null, rows: 0, longLines: [], kept: keepRowsUpTo > 0 ? [] : null };
  const pendingEmpty: SourceRecord[] = [];
  const choose = (): void => {
    const headers = normaliseHeaders(padded(scan.headerCells!, scan.width));
    try {
      scan.columns = chooseColumns(headers, scan.sample, input, where, file);
    } catch (error) {
      // An override may name a column that only later rows add (`Kolom n`); decided again at the end.
      if (error instanceof InputError) return;
      throw error;
    }
    scan.clauses = new ClauseCollector(scan.columns);
    for (const row of scan.sample) scan.clauses.add(row.sourceLine, row.cells);
  };
  const addRow = ({ sourceLine, cells }: SourceRecord): void => {
    scan.rows++;
    if (scan.rows % ROWS_PER_REPORT === 0) {
      throwIfCancelled(options.signal);
      options.onRows?.(scan.rows);
    }
    scan.width = Math.max(scan.width, cells.length);
    if (cells.length > scan.headerCells!.length) scan.longLines.push(sourceLine);
    if (scan.rows > keepRowsUpTo) scan.kept = null;
    scan.kept?.push({ sourceLine, cells });
    if (scan.rows <= AVERAGE_ROWS) {
      scan.sample.push({ sourceLine, cells });
      if (fixed) scan.clauses!.add(sourceLine, cells);
      else if (scan.rows === AVERAGE_ROWS) choose();
      return;
    }
    scan.clauses?.add(sourceLine, cells);
  };
  for await (const record of records) {
    if (scan.headerCells === null) {
      if (isEmptyRecord(record)) continue;
      scan.headerCells = record.cells;
      scan.headerLine = record.sourceLine;
      scan.width = record.cells.length;
      continue;
    }
    // Empty records count only when a non-empty one follows.
    if (isEmptyRecord(record)) {
      pendingEmpty.push(record);
      continue;
    }
    for (const empty of pendingEmpty) addRow(empty);
    pendingEmpty.length = 0;
    addRow(record);
  }
  return scan;
}

/** A policy file opened for one pass over its records. */
interface OpenedSource {
  records: AsyncGenerator<SourceRecord>;
  sheet: string | null;
  /** The file (and sheet) as messages name it. */
  where: string;
  /** Extends the no-header message's advice. */
  hint: string;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  unterminatedQuoteLine: () => number | null;
}

/** `known` (encoding and delimiter of an earlier reading) lets a .csv skip its encoding check and sniffing. */
async function openSource(file: string, sheet: string, known?: Pick<PolicyTable, 'encoding' | 'delimiter'>): Promise<OpenedSource> {
  if (tableFormatOf(file) === 'csv') {
    const csv = await streamCsv(file, known?.encoding ? { encoding: known.encoding as TextEncodingName, delimiter: known.delimiter as Delimiter | null } : undefined);
    return { records: csv.records, sheet: null, where: file, hint: '', encoding: csv.encoding, delimiter: csv.delimiter, unterminatedQuoteLine: csv.unterminatedQuoteLine };
  }
  const bytes = await readInputBytes(file);
  assertReadableWorkbook(bytes, file);
  const xlsx = await streamXlsxSheet(bytes, file, sheet);
  const where = `${file}, sheet "${xlsx.sheet}"`;
  const hint = xlsx.sheetCount > 1 ? ', or choose another sheet with input.sheet' : '';
  return { records: xlsx.records, sheet: xlsx.sheet, where, hint, encoding: null, delimiter: null, unterminatedQuoteLine: () => null };
}

/** A policy table read whole, its rows in memory (the tuning view's sample, tests). */
export interface LoadedPolicyTable extends PolicyTable {
  rows: TableRow[];
}

/** Reads the whole policy workbook into memory and chooses its text column (§4.3) and policy-number column (§4.4). */
export async function readPolicyWorkbook(file: string, input: Settings['input']): Promise<LoadedPolicyTable> {
  const table = await readTable(file, input.sheet);
  const where = table.sheet === null ? file : `${file}, sheet "${table.sheet}"`;
  const columns = chooseColumns(table.headers, table.rows.slice(0, AVERAGE_ROWS), input, where, file);
  return { ...table, textColumn: columns.text, policyColumn: columns.policy };
}

/** The clause columns of a table held in memory. */
export function policyClauses(table: LoadedPolicyTable): PolicyClauses {
  const clauses = new ClauseCollector({ text: table.textColumn, policy: table.policyColumn });
  for (const row of table.rows) clauses.add(row.sourceLine, row.cells);
  return clauses.result();
}

/**
 * The policy workbook for an analysis: table facts and the clause columns, read in one streaming pass; the original
 * cells are kept only for a small table (`keepRowsUpTo`), else the report reads them again.
 */
export async function readPolicyClauses(file: string, input: Settings['input'], options: ReadOptions = {}): Promise<PolicyInput> {
  let source = await openSource(file, input.sheet);
  const { where } = source;
  let scan = await scanRecords(source.records, input, where, file, null, options);
  if (scan.headerCells === null) {
    throw new InputError(`${where} has no header row: every cell is empty. Put the column headers in the first row and one clause per row below them${source.hint}.`, file);
  }
  const headers = normaliseHeaders(padded(scan.headerCells, scan.width));
  const final = chooseColumns(headers, scan.sample, input, where, file);
  if (scan.rows <= AVERAGE_ROWS) {
    // Every data row is in the sample.
    scan.clauses = new ClauseCollector(final);
    for (const row of scan.sample) scan.clauses.add(row.sourceLine, row.cells);
  } else if (scan.columns === null || !sameChoice(scan.columns, final)) {
    // Rare: a row after the sample widened the table and the choice depends on it; read the rows again.
    source = await openSource(file, input.sheet, source);
    scan = await scanRecords(source.records, input, where, file, final, options);
  }
  const format = tableFormatOf(file);
  const warnings = format === 'csv' ? csvWarnings(where, source.unterminatedQuoteLine(), scan.longLines, headers.slice(scan.headerCells!.length)) : [];
  if (scan.rows === 0) warnings.push(noDataRowsWarning(file, source.sheet, scan.headerLine));
  const table: PolicyTable = {
    file: path.resolve(file),
    format,
    sheet: source.sheet,
    headers,
    headerLine: scan.headerLine,
    encoding: source.encoding,
    delimiter: source.delimiter,
    warnings,
    textColumn: final.text,
    policyColumn: final.policy,
    ...(scan.kept && { rows: scan.kept.map((row) => ({ sourceLine: row.sourceLine, cells: padded(row.cells, headers.length) })) }),
  };
  return { table, clauses: scan.clauses!.result() };
}

/**
 * Each data row's original cells (padded to the headers), in order: from memory when the table holds them, else
 * read again from the source file. `rowCount` rows are expected; a file that changed since the first pass is refused.
 */
export async function* readTableRows(table: PolicyTable, rowCount: number): AsyncGenerator<string[]> {
  const width = table.headers.length;
  if (table.rows) {
    for (const row of table.rows) yield padded(row.cells, width);
    return;
  }
  const changed = (): InputError =>
    new InputError(`${table.file} changed while it was being analysed (its rows no longer match the first reading). Run the analysis again.`, table.file);
  let yielded = 0;
  const { records } = await openSource(table.file, table.sheet ?? '', table);
  for await (const record of records) {
    if (record.sourceLine <= table.headerLine) continue;
    if (yielded === rowCount) break;
    yielded++;
    yield padded(record.cells, width);
  }
  if (yielded !== rowCount) throw changed();
}

/** One column's cells of every data row (e.g. the `Label` column of a generated workbook), read from the source. */
export async function readTableColumn(table: PolicyTable, rowCount: number, index: number): Promise<string[]> {
  const column: string[] = [];
  for await (const cells of readTableRows(table, rowCount)) column.push(cells[index] ?? '');
  return column;
}
