import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatNumber, readPolicyWorkbook, readTable } from '../../engine/ingest/index.ts';
import { InputError } from '../../engine/util/errors.ts';

let dir: string;
let cellsFile: string;
let layoutFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ingest-xlsx-'));

  // One cell of each kind in column B, labelled in column A.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cellen');
  sheet.addRow(['Soort', 'Waarde', 'Extra']);
  const put = (label: string, value: ExcelJS.CellValue): void => {
    sheet.addRow([label]).getCell(2).value = value;
  };
  put('string', '00123');
  put('richText', { richText: [{ text: 'Eigen ' }, { text: 'risico', font: { bold: true } }] });
  put('hyperlink', { text: 'Voorwaarden', hyperlink: 'https://example.nl/voorwaarden' });
  put('integer', 12345);
  put('decimal', 1.5);
  put('float', 0.1 + 0.2);
  put('huge', 1e21);
  put('tiny', 1.5e-7);
  put('negative', -42.25);
  put('midnight', new Date(Date.UTC(2024, 2, 15)));
  put('datetime', new Date(Date.UTC(2024, 2, 15, 12, 30, 5)));
  put('true', true);
  put('false', false);
  put('formula', { formula: 'B5*2', result: 24690 });
  put('formulaText', { formula: 'A2&"x"', result: 'stringx' });
  put('formulaNoResult', { formula: 'B5*3' } as ExcelJS.CellFormulaValue);
  put('error', { error: '#N/A' });
  put('merged', 'samengevoegd');
  const mergedRow = sheet.rowCount;
  sheet.mergeCells(`B${mergedRow}:C${mergedRow + 1}`);
  sheet.getCell(`A${mergedRow + 1}`).value = 'mergedBelow';
  cellsFile = path.join(dir, 'cells.xlsx');
  await workbook.xlsx.writeFile(cellsFile);

  // Layout: empty rows above the header, a missing and a repeated header, empty rows in between and after.
  const layout = new ExcelJS.Workbook();
  layout.addWorksheet('Voorblad').getCell('A1').value = 'Alleen een titel';
  const data = layout.addWorksheet('Polissen');
  data.getCell('B3').value = 'Polis nr.';
  data.getCell('C3').value = 'Tekst';
  data.getCell('E3').value = 'Tekst';
  data.getCell('B4').value = 'P-1';
  data.getCell('C4').value = 'Het eigen risico bedraagt € 250.';
  data.getCell('B6').value = 'P-2';
  data.getCell('C6').value = 'Molestschade is uitgesloten.';
  data.getCell('F6').value = 'zonder kop';
  data.getCell('B9').value = ''; // an empty string after the last row does not extend the data
  layoutFile = path.join(dir, 'layout.xlsx');
  await layout.xlsx.writeFile(layoutFile);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xlsx cell → text (SPEC §4.2)', () => {
  let values: Map<string, string>;
  let table: Awaited<ReturnType<typeof readTable>>;
  beforeAll(async () => {
    table = await readTable(cellsFile);
    values = new Map(table.rows.map((row) => [row.cells[0]!, row.cells[1]!]));
  });

  it.each([
    ['string', '00123'],
    ['richText', 'Eigen risico'],
    ['hyperlink', 'Voorwaarden'],
    ['integer', '12345'],
    ['decimal', '1.5'],
    ['float', '0.30000000000000004'],
    ['huge', '1000000000000000000000'],
    ['tiny', '0.00000015'],
    ['negative', '-42.25'],
    ['midnight', '2024-03-15'],
    ['datetime', '2024-03-15 12:30:05'],
    ['true', 'WAAR'],
    ['false', 'ONWAAR'],
    ['formula', '24690'],
    ['formulaText', 'stringx'],
    ['formulaNoResult', ''],
    ['error', '#N/A'],
    ['merged', 'samengevoegd'],
    ['mergedBelow', ''],
  ])('%s → %j', (label, expected) => {
    expect(values.get(label)).toBe(expected);
  });

  it('empties merged-away cells to the right of the master', () => {
    const merged = table.rows.find((row) => row.cells[0] === 'merged')!;
    expect(merged.cells).toEqual(['merged', 'samengevoegd', '']);
  });

  it('reports the sheet, format and source lines', () => {
    expect(table.format).toBe('xlsx');
    expect(table.sheet).toBe('Cellen');
    expect(table.encoding).toBeNull();
    expect(table.delimiter).toBeNull();
    expect(table.headerLine).toBe(1);
    expect(table.rows[0]!.sourceLine).toBe(2);
    expect(table.file).toBe(path.resolve(cellsFile));
  });
});

describe('number and date formatting', () => {
  it('prints shortest round-trip decimals without exponent', () => {
    expect(formatNumber(12345)).toBe('12345');
    expect(formatNumber(12345.0)).toBe('12345');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1.2345e22)).toBe('12345000000000000000000');
    expect(formatNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatNumber(123456789.123)).toBe('123456789.123');
  });

  it('rounds dates to whole seconds and omits midnight', () => {
    expect(formatDate(new Date(Date.UTC(2024, 0, 31, 23, 59, 59, 999)))).toBe('2024-02-01');
    expect(formatDate(new Date(Date.UTC(2024, 5, 1, 12, 29, 59, 999)))).toBe('2024-06-01 12:30:00');
    expect(formatDate(new Date(Date.UTC(999, 0, 2)))).toBe('0999-01-02');
    expect(formatDate(new Date(Number.NaN))).toBe('');
  });
});

describe('xlsx layout and sheets', () => {
  it('starts at the first non-empty row, keeps empty rows in between and names missing headers', async () => {
    const table = await readTable(layoutFile, 'Polissen');
    expect(table.headerLine).toBe(3);
    expect(table.headers).toEqual(['Kolom 1', 'Polis nr.', 'Tekst', 'Kolom 4', 'Tekst (2)', 'Kolom 6']);
    expect(table.rows).toEqual([
      { sourceLine: 4, cells: ['', 'P-1', 'Het eigen risico bedraagt € 250.', '', '', ''] },
      { sourceLine: 5, cells: ['', '', '', '', '', ''] },
      { sourceLine: 6, cells: ['', 'P-2', 'Molestschade is uitgesloten.', '', '', 'zonder kop'] },
    ]);
  });

  it('selects sheets by name, case-insensitive name or 1-based index; the default is the first', async () => {
    expect((await readTable(layoutFile)).sheet).toBe('Voorblad');
    expect((await readTable(layoutFile, '2')).sheet).toBe('Polissen');
    expect((await readTable(layoutFile, ' polissen ')).sheet).toBe('Polissen');
    expect((await readTable(layoutFile, '1')).headers).toEqual(['Alleen een titel']);
  });

  it('refuses an unknown sheet, listing the sheets', async () => {
    await expect(readTable(layoutFile, 'Blad9')).rejects.toThrow(InputError);
    await expect(readTable(layoutFile, '3')).rejects.toThrow(
      `Sheet "3" was not found in ${layoutFile}. The workbook has these sheets: "Voorblad", "Polissen". Set input.sheet`,
    );
  });

  it('detects the columns of a policy workbook', async () => {
    const table = await readPolicyWorkbook(layoutFile, { sheet: 'Polissen', textColumn: '', policyColumn: '' });
    expect(table.policyColumn).toEqual({ index: 1, header: 'Polis nr.', rule: 'key' });
    expect(table.textColumn).toEqual({ index: 2, header: 'Tekst', rule: 'exact' });
    expect(table.warnings).toEqual([]);
  });

  it('names file and sheet when an override column is missing', async () => {
    await expect(readPolicyWorkbook(layoutFile, { sheet: 'Polissen', textColumn: 'Clausule', policyColumn: '' })).rejects.toThrow(
      `Column "Clausule" (setting input.textColumn) was not found in ${layoutFile}, sheet "Polissen". The headers are: "Kolom 1", "Polis nr.", "Tekst", "Kolom 4", "Tekst (2)", "Kolom 6".`,
    );
  });
});
