/**
 * Rows of a worksheet of exceljs' streaming writer, written as sheet XML directly. exceljs builds a Row, a Cell per
 * column and a cell model per value and then serialises them node by node, which was most of the report's time
 * at 100,000 rows; this writes the XML those steps produce (same shared strings, same style ids, same `spans`) in one
 * string per row. Only what the report writes is handled: strings (as shared strings), numbers and empty cells.
 */
import type ExcelJS from 'exceljs';

/** A cell as the report writes it: the stored value (null: empty) and its shared style object. */
export interface RowCell {
  value: string | number | null;
  style: Partial<ExcelJS.Style>;
}

interface StreamingInternals {
  startedData?: boolean;
  stream: { write(xml: string): void };
  _workbook: {
    styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number };
    sharedStrings: { add(value: string): number };
  };
}

/** exceljs' ValueType numbers of the cell kinds written here. */
const VALUE_TYPE = { number: 2, string: 3 } as const;

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export class RowXmlWriter {
  private readonly letters: string[];
  private readonly sheet: StreamingInternals;

  /** `sheet` must have its header row committed already: that write opens the sheet data. */
  constructor(sheet: ExcelJS.Worksheet, columns: number) {
    this.sheet = sheet as unknown as StreamingInternals;
    if (!this.sheet.startedData || typeof this.sheet.stream?.write !== 'function' || !this.sheet._workbook?.sharedStrings) {
      throw new Error('Report: the streamed sheet has not started its rows or has no shared strings; commit its header row first.');
    }
    this.letters = Array.from({ length: columns }, (_, c) => columnLetters(c + 1));
  }

  /** Row `r` with one cell per column; a row without any value is left out, as exceljs does. */
  write(r: number, cells: readonly RowCell[]): void {
    const { styles, sharedStrings } = this.sheet._workbook;
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      const { value, style } = cells[c]!;
      if (value === null) continue;
      const isText = typeof value === 'string';
      const styleId = styles.addStyleModel(style, isText ? VALUE_TYPE.string : VALUE_TYPE.number);
      xml += `<c r="${this.letters[c]}${r}"${styleId ? ` s="${styleId}"` : ''}`;
      xml += isText ? ` t="s"><v>${sharedStrings.add(value)}</v></c>` : `><v>${value}</v></c>`;
    }
    if (xml === '') return;
    this.sheet.stream.write(`<row r="${r}" spans="1:${cells.length}" x14ac:dyDescent="0.25">${xml}</row>`);
  }
}
