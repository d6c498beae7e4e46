/**
 * The reference report: the workbook the engine wrote with exceljs before it had its own writer, built in memory
 * from the same layout and values (layout.ts, cells.ts, advise/labels.ts). The differential tests compare the engine's
 * report with it, read back through exceljs.
 */
import ExcelJS from 'exceljs';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';
import { safeCellText } from '../../engine/report/cells.ts';
import { adviceFill } from '../../engine/advise/labels.ts';
import { computeRunFacts } from '../../engine/report/facts.ts';
import { CLUSTER_HEADERS, generatedLayout, resultColumns, ResultRows, SHEET_CLUSTERS, SHEET_RESULTS, SHEET_STATISTICS, STATISTICS_HEADERS, type CellInput, type ColumnLayout } from '../../engine/report/layout.ts';
import { statisticsRows } from '../../engine/report/statistics.ts';

const TEXT_NUMFMT_ID = 49;

/** exceljs 4.4 cannot write `quotePrefix`: it is added to every cell format with the text format `@`. */
export function markQuotePrefixFormats(stylesXml: string): string {
  return stylesXml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (cellXfs) =>
    cellXfs.replace(new RegExp(`<xf (?=[^>]*\\bnumFmtId="${TEXT_NUMFMT_ID}")(?![^>]*\\bquotePrefix=)`, 'g'), '<xf quotePrefix="1" '),
  );
}

interface StylesWriter {
  addStyles(zip: unknown, model: { styles?: { xml?: string } }): Promise<void>;
}

function installQuotePrefixStyles(workbook: ExcelJS.Workbook): void {
  const writer = workbook.xlsx as unknown as StylesWriter;
  const original = writer.addStyles.bind(writer);
  writer.addStyles = async (zip, model) => {
    const xml = model.styles?.xml;
    if (typeof xml !== 'string' || !model.styles) return original(zip, model);
    return original(zip, { ...model, styles: { ...model.styles, xml: markQuotePrefixFormats(xml) } });
  };
}

class ReferenceSheets {
  shortenedCells = 0;

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  write(name: string, columns: readonly ColumnLayout[], rows: Iterable<readonly CellInput[]>): void {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    columns.forEach((column, c) => {
      sheet.getColumn(c + 1).width = column.width;
    });
    columns.forEach((column, c) => this.set(sheet.getCell(1, c + 1), column.header, column, false));
    let r = 1;
    for (const values of rows) {
      r++;
      columns.forEach((column, c) => this.set(sheet.getCell(r, c + 1), values[c] ?? null, column, true));
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: r, column: columns.length } };
  }

  private set(cell: ExcelJS.Cell, value: CellInput, column: ColumnLayout, body: boolean): void {
    if (value === null || value === '') return;
    if (typeof value === 'number') {
      cell.value = value;
      return;
    }
    const safe = safeCellText(value);
    if (safe.shortened) this.shortenedCells++;
    if (safe.text === '') return;
    const style: Partial<ExcelJS.Style> = {};
    if (!body) style.font = { bold: true };
    if (body && column.wrap) style.alignment = { wrapText: true, vertical: 'top' };
    if (safe.quotePrefix) style.numFmt = '@';
    const fill = body && column.adviceFill ? adviceFill(value) : null;
    if (fill !== null) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } };
    cell.style = style;
    cell.value = safe.stored;
  }
}

/** The reference report of a result whose table holds its rows. */
export async function referenceReport(result: AnalysisResult): Promise<{ bytes: Uint8Array; shortenedCells: number }> {
  const tableRows = result.table.rows;
  if (!tableRows) throw new Error('the reference report needs the input rows in memory');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Clause Cascade';
  installQuotePrefixStyles(workbook);
  const sheets = new ReferenceSheets(workbook);
  const rows = new ResultRows(result);
  sheets.write(SHEET_RESULTS, resultColumns(result), result.rows.map((row, i) => rows.values(row, tableRows[i]!.cells)));
  sheets.write(SHEET_CLUSTERS, CLUSTER_HEADERS.map(generatedLayout), rows.clusterRows());
  sheets.write(SHEET_STATISTICS, STATISTICS_HEADERS.map(generatedLayout), statisticsRows(result, computeRunFacts(result), sheets.shortenedCells));
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array | ArrayBuffer;
  return { bytes: buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer), shortenedCells: sheets.shortenedCells };
}
