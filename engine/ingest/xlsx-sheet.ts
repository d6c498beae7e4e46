/**
 * One worksheet part (`<sheetData>` of ECMA-376 §18.3) → source records, scanned piece by piece. Each cell's text
 * follows the rules exceljs' streaming reader applied (cell-text.ts for numbers and dates), so records stay what
 * they were when the policy workbook was read with exceljs.
 */
import { decodeOoxmlEscapes, excelSerialToDate, formatDate, formatNumber } from './cell-text.ts';
import type { SourceRecord } from './table.ts';
import { attribute, decodeNamedEntitiesAgain, decodeXmlText, XmlScanner, type XmlHandler } from './xml-scan.ts';

/** What a worksheet's cells refer to elsewhere in the workbook. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell style index: does its number format show a date? */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

interface SheetRow {
  number: number;
  /** Cell texts by column index; '' where a cell is empty. */
  cells: string[];
}

/** `A1` → 1, `AB7` → 28; 0 when the reference has no column letters. */
function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

/**
 * A formula cell's text from its cached value `v` (null when there is none). exceljs keeps the result only when it
 * is truthy (0, '' and an unreadable number read as no result), except for a cell sharing another cell's formula,
 * whose own formula text is empty and whose value it keeps as it is (so `NaN` for an error result).
 */
function formulaText(formula: string, value: string | null, type: string | null): string {
  if (value === null) return '';
  const result = type === 'str' ? decodeNamedEntitiesAgain(decodeXmlText(value)) : parseFloat(decodeXmlText(value));
  if (formula !== '' && !result) return '';
  return typeof result === 'string' ? result : formatNumber(result);
}

class SheetHandler implements XmlHandler {
  /** Rows closed since the last `take`. */
  private done: SheetRow[] = [];
  private inSheetData = false;
  private row: SheetRow | null = null;
  private rowIsDate = false;
  private lastRow = 0;
  private inCell = false;
  private column = 0;
  private style = 0;
  private type: string | null = null;
  private formula: string | null = null;
  private value: string | null = null;
  /** Where character data goes: the formula, the value, or nowhere. */
  private target: 'formula' | 'value' | null = null;
  /** Inside an inline string's phonetic reading, whose text is not part of the value. */
  private phonetic = 0;

  constructor(private readonly context: SheetContext) {}

  take(): SheetRow[] {
    const rows = this.done;
    this.done = [];
    return rows;
  }

  open(name: string, attributes: string): void {
    if (this.inCell) {
      this.openInCell(name);
      return;
    }
    if (name === 'c') {
      if (this.row === null) return;
      const reference = attribute(attributes, 'r');
      this.inCell = true;
      this.column = reference === null ? this.column + 1 : columnOf(reference);
      this.style = parseInt(attribute(attributes, 's') ?? '', 10);
      this.type = attribute(attributes, 't');
      this.formula = null;
      this.value = null;
      this.target = null;
      this.phonetic = 0;
    } else if (name === 'row') {
      if (!this.inSheetData) return;
      const number = attribute(attributes, 'r');
      this.lastRow = number === null ? this.lastRow + 1 : parseInt(number, 10);
      this.row = { number: this.lastRow, cells: [] };
      // A cell without a style of its own takes its row's number format.
      const style = attribute(attributes, 's');
      this.rowIsDate = style !== null && this.context.dateStyles[parseInt(style, 10)] === true;
      this.column = 0;
    } else if (name === 'sheetData') this.inSheetData = true;
  }

  private openInCell(name: string): void {
    if (name === 'rPh') this.phonetic++;
    if (this.phonetic > 0) return;
    if (name === 'f') {
      this.formula = '';
      this.target = 'formula';
    } else if (name === 'v') {
      this.value = '';
      this.target = 'value';
    } else if (name === 'is') {
      this.value = '';
      this.target = null;
    } else if (name === 't') this.target = 'value'; // the runs of an inline string are joined
  }

  close(name: string): void {
    if (this.inCell) {
      if (name === 'rPh') this.phonetic--;
      else if (name === 'c') this.closeCell();
      else if (this.phonetic === 0 && name !== 'is') this.target = null;
      return;
    }
    if (name === 'row') {
      if (this.row !== null) this.done.push(this.row);
      this.row = null;
    } else if (name === 'sheetData') this.inSheetData = false;
  }

  text(raw: string): void {
    if (this.target === 'value') this.value += raw;
    else if (this.target === 'formula') this.formula += raw;
  }

  private closeCell(): void {
    this.inCell = false;
    this.target = null;
    if (this.formula === null && this.value === null) return; // no value: the cell stays as it was
    const text = this.formula !== null ? formulaText(decodeXmlText(this.formula), this.value, this.type) : this.valueText(this.value!);
    if (this.column > 0) this.row!.cells[this.column - 1] = text;
  }

  private valueText(raw: string): string {
    switch (this.type) {
      case 's':
        return this.context.sharedStrings[parseInt(decodeXmlText(raw), 10)] ?? '';
      case 'inlineStr':
      case 'str':
        return decodeOoxmlEscapes(decodeNamedEntitiesAgain(decodeXmlText(raw)));
      case 'e':
        return decodeXmlText(raw);
      case 'b':
        return parseInt(decodeXmlText(raw), 10) !== 0 ? 'WAAR' : 'ONWAAR';
      default: {
        const serial = parseFloat(decodeXmlText(raw));
        // exceljs applies a cell's own style only when its index is not 0 and the style exists.
        const ownStyle = this.style ? this.context.dateStyles[this.style] : undefined;
        return (ownStyle ?? this.rowIsDate) ? formatDate(excelSerialToDate(serial, this.context.date1904)) : formatNumber(serial);
      }
    }
  }
}

/** A row's cells up to its last non-empty one, or null when every cell is empty. */
function recordCells(cells: string[]): string[] | null {
  let length = cells.length;
  while (length > 0 && !cells[length - 1]) length--;
  if (length === 0) return null;
  const record = new Array<string>(length);
  for (let i = 0; i < length; i++) record[i] = cells[i] ?? '';
  return record;
}

/**
 * The records of a worksheet from the first row with a non-empty cell on; rows without one in between become empty
 * records. `pieces` is the part's text in pieces; an error while inflating or scanning them goes through
 * `describeError` (one generator, not a wrapping one, since every record passes through each).
 */
export async function* worksheetRecords(pieces: AsyncIterable<string>, context: SheetContext, describeError: (error: unknown) => unknown): AsyncGenerator<SourceRecord> {
  const handler = new SheetHandler(context);
  const scanner = new XmlScanner(handler);
  let nextLine = 0; // the first row with a value starts the records
  const iterator = pieces[Symbol.asyncIterator]();
  try {
    for (;;) {
      let rows: SheetRow[];
      try {
        const next = await iterator.next();
        if (next.done) {
          scanner.end();
          return;
        }
        scanner.push(next.value);
        rows = handler.take();
      } catch (error) {
        throw describeError(error);
      }
      for (const row of rows) {
        const cells = recordCells(row.cells);
        if (cells === null) continue;
        if (nextLine > 0) for (; nextLine < row.number; nextLine++) yield { sourceLine: nextLine, cells: [] };
        yield { sourceLine: row.number, cells };
        nextLine = row.number + 1;
      }
    }
  } finally {
    // Stops inflating when the caller stops early.
    await iterator.return?.();
  }
}
