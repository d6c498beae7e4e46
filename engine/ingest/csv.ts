/**
 * CSV reading (SPEC §4.2): delimiter sniffing on the first 4096 decoded characters, then an RFC 4180 parser that
 * remembers the line on which each record starts.
 */
import { warning, type Warning } from '../util/warnings.ts';
import { assembleGrid, describeLines, type AssembledGrid, type SourceRecord } from './table.ts';

export type Delimiter = ';' | ',' | '\t';

/** Tie order of the sniffer. */
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];
const SNIFF_WINDOW = 4096;

interface LineCounts {
  counts: Record<Delimiter, number>;
  blank: boolean;
}

/**
 * Splits the start of the text into lines (a line break inside double quotes does not end a line) and counts each
 * candidate delimiter outside quotes. Only complete lines within the window are returned; when even the first line
 * does not fit in the window, that one line is read to its end so a very wide header can still be sniffed.
 */
function sniffLines(text: string): LineCounts[] {
  const lines: LineCounts[] = [];
  const fresh = (): LineCounts => ({ counts: { ';': 0, ',': 0, '\t': 0 }, blank: true });
  let current = fresh();
  let inQuotes = false;
  let i = 0;
  for (; i < text.length; i++) {
    if (i >= SNIFF_WINDOW && lines.length > 0) return lines;
    const c = text[i]!;
    if (c === '"') {
      inQuotes = !inQuotes;
      current.blank = false;
    } else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      lines.push(current);
      current = fresh();
    } else {
      if (!inQuotes && (c === ';' || c === ',' || c === '\t')) current.counts[c]++;
      if (!/\s/u.test(c)) current.blank = false;
    }
  }
  // The text ended inside the window (or during the first line): its last line is complete too.
  if (!current.blank || Object.values(current.counts).some((n) => n > 0)) lines.push(current);
  return lines;
}

/** The delimiter of SPEC §4.2, or null for a single-column file. */
export function sniffDelimiter(text: string): Delimiter | null {
  const lines = sniffLines(text);
  const headerAt = lines.findIndex((line) => !line.blank || Object.values(line.counts).some((n) => n > 0));
  if (headerAt < 0) return null;
  const header = lines[headerAt]!;
  let best: Delimiter | null = null;
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const expected = header.counts[delimiter];
    if (expected < 1) continue;
    const score = lines.slice(headerAt).filter((line) => line.counts[delimiter] === expected).length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export interface CsvParseResult {
  records: SourceRecord[];
  /** 1-based line where an unterminated quoted field starts, if any. */
  unterminatedQuoteLine: number | null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180: fields may be enclosed in double quotes, `""` inside quotes is one quote, quoted fields may hold line
 * breaks; records end at CRLF, LF or CR. Lenient where the RFC is silent: a quote inside an unquoted field is a plain
 * character, and characters after a closing quote are appended to the field. With a null delimiter every record has
 * one field.
 *
 * Text may arrive in pieces (`push`): a record is only parsed once its end is in the buffer, so the records do not
 * depend on where the pieces were cut; `end` parses what is left.
 */
export class CsvParser {
  /** Text from the start of the first incomplete record on. */
  private buffer = '';
  /** Line on which `buffer` starts. */
  private line = 1;
  private unterminatedQuoteLine: number | null = null;
  private readonly delimiterCode: number;

  constructor(delimiter: Delimiter | null) {
    this.delimiterCode = delimiter === null ? -1 : delimiter.charCodeAt(0);
  }

  /** The complete records that `text` (appended to what came before) finishes. */
  push(text: string): SourceRecord[] {
    this.buffer += text;
    return this.parse(false);
  }

  /** The remaining records once the text has ended. */
  end(): CsvParseResult {
    const records = this.parse(true);
    return { records, unterminatedQuoteLine: this.unterminatedQuoteLine };
  }

  private parse(final: boolean): SourceRecord[] {
    const text = this.buffer;
    const delimiterCode = this.delimiterCode;
    const records: SourceRecord[] = [];
    const n = text.length;
    let fields: string[] = [];
    let line = this.line;
    let recordLine = line;
    let recordStart = 0;
    let i = 0;

    const countBreaks = (from: number, to: number): number => {
      let breaks = 0;
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) breaks++;
      }
      return breaks;
    };

    parsing: while (i < n) {
      // One field starts at i.
      let field = '';
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          // A closing quote at the very end may be the first half of `""`: more text decides.
          if (!final && (close < 0 || close + 1 >= n)) break parsing;
          if (close < 0) {
            field += text.slice(i);
            line += countBreaks(i, n);
            i = n;
            this.unterminatedQuoteLine = quoteLine;
            break;
          }
          field += text.slice(i, close);
          line += countBreaks(i, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            field += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
      }
      // Unquoted text (or text after a closing quote) up to the next delimiter or line break.
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delimiterCode || c === CR || c === LF) break;
        i++;
      }
      // The record's end is not in the buffer yet (a CR at the end may be half of a CRLF).
      if (!final && (i >= n || (text.charCodeAt(i) === CR && i + 1 >= n) || (text.charCodeAt(i) === delimiterCode && i + 1 >= n))) break;
      field += text.slice(from, i);
      fields.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delimiterCode) {
        i++;
        if (i >= n) fields.push(''); // a trailing delimiter ends with an empty field
        continue;
      }
      // Line break: CRLF, LF or CR ends the record.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      records.push({ sourceLine: recordLine, cells: fields });
      fields = [];
      line++;
      recordLine = line;
      recordStart = i;
    }
    if (final) {
      if (fields.length > 0) records.push({ sourceLine: recordLine, cells: fields });
      this.buffer = '';
    } else {
      this.buffer = text.slice(recordStart);
      this.line = recordLine;
    }
    return records;
  }
}

/** Parses a whole text (see CsvParser). */
export function parseCsv(text: string, delimiter: Delimiter | null): CsvParseResult {
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  const rest = parser.end();
  return { records: [...records, ...rest.records], unterminatedQuoteLine: rest.unterminatedQuoteLine };
}

export interface CsvGrid extends AssembledGrid {
  delimiter: Delimiter | null;
  warnings: Warning[];
}

/** Sniffs, parses and assembles decoded CSV text; `where` names the file in messages and warnings. */
export function readCsvText(text: string, where: string, file: string): CsvGrid {
  const delimiter = sniffDelimiter(text);
  const { records, unterminatedQuoteLine } = parseCsv(text, delimiter);
  const grid = assembleGrid(records, where, file);
  const longLines = grid.rows.filter((_, i) => grid.rowWidths[i]! > grid.headerWidth).map((row) => row.sourceLine);
  return { ...grid, delimiter, warnings: csvWarnings(where, unterminatedQuoteLine, longLines, grid.headers.slice(grid.headerWidth)) };
}

/** The warnings of a CSV reading: an unterminated quote, lines with more fields than the header (`added` columns). */
export function csvWarnings(where: string, unterminatedQuoteLine: number | null, longLines: readonly number[], added: readonly string[]): Warning[] {
  const warnings: Warning[] = [];
  if (unterminatedQuoteLine !== null) warnings.push(warning('ingest.unterminatedQuote', { file: where, line: unterminatedQuoteLine }));
  if (longLines.length > 0) {
    const columns = added.map((h) => `"${h}"`).join(', ');
    warnings.push(warning('ingest.extraFields', { file: where, count: longLines.length, lines: describeLines([...longLines]), columns }));
  }
  return warnings;
}
