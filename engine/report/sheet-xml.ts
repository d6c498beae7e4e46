/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) written row by row: column widths and the frozen header pane
 * first, then the rows, then the filter over the used range, whose last row is known only at the end.
 */
import type { SharedStrings } from './shared-strings.ts';
import type { ZipEntryWriter } from './zip-writer.ts';

/** A cell as the report writes it: the stored value (null: no cell) and its format id from the StyleBook. */
export interface RowCell {
  value: string | number | null;
  style: number;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/>';
const SHEET_END = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

export class SheetXmlWriter {
  private readonly letters: string[];

  constructor(
    private readonly entry: ZipEntryWriter,
    private readonly strings: SharedStrings,
    widths: readonly number[],
  ) {
    this.letters = widths.map((_, c) => columnLetters(c + 1));
    const cols = widths.map((width, c) => `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`).join('');
    entry.write(`${SHEET_START}<cols>${cols}</cols><sheetData>`);
  }

  /** Row `r` with one cell per column; a row without any value is left out. */
  row(r: number, cells: readonly RowCell[]): void {
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      const { value, style } = cells[c]!;
      if (value === null) continue;
      xml += `<c r="${this.letters[c]}${r}"${style ? ` s="${style}"` : ''}`;
      xml += typeof value === 'string' ? ` t="s"><v>${this.strings.index(value)}</v></c>` : `><v>${value}</v></c>`;
    }
    if (xml !== '') this.entry.write(`<row r="${r}" spans="1:${cells.length}">${xml}</row>`);
  }

  /** Waits until the compressor has room: rows never pile up in memory. */
  caughtUp(): Promise<void> {
    return this.entry.caughtUp();
  }

  /** Ends the sheet; the filter covers the header and `lastRow`. */
  async close(lastRow: number): Promise<void> {
    const last = this.letters[this.letters.length - 1] ?? 'A';
    this.entry.write(`</sheetData><autoFilter ref="A1:${last}${lastRow}"/>${SHEET_END}`);
    await this.entry.close();
  }
}
