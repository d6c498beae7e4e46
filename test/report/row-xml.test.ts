/** Rows written as XML directly are byte for byte the rows exceljs' streaming writer makes from Row/Cell objects. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { RowXmlWriter, type RowCell } from '../../engine/report/row-xml.ts';
import { openParts } from './xlsx-parts.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'row-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plain: Partial<ExcelJS.Style> = {};
const bold: Partial<ExcelJS.Style> = { font: { bold: true } };
const filled: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } } };
const COLUMNS = 30; // past Z, so two-letter column names are written too

function rowCells(r: number): RowCell[] {
  return Array.from({ length: COLUMNS }, (_, c): RowCell => {
    if (c === 0 || (c + r) % 7 === 0) return { value: null, style: plain };
    if (c % 5 === 1) return { value: r * 100 + c + 0.25, style: plain };
    const text = c % 3 === 0 ? `tekst <${r}> & "${c}" 'x'` : `herhaald ${c % 4}`;
    return { value: text, style: c % 4 === 2 ? filled : c === 27 ? bold : plain };
  });
}

async function writeSheet(direct: boolean): Promise<string> {
  const file = path.join(dir, `${direct ? 'direct' : 'exceljs'}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Blad');
  const header = sheet.getRow(1);
  for (let c = 1; c <= COLUMNS; c++) header.getCell(c).value = `Kolom ${c}`;
  header.commit();
  const writer = direct ? new RowXmlWriter(sheet, COLUMNS) : null;
  for (let r = 2; r <= 60; r++) {
    const cells = rowCells(r);
    if (writer) {
      writer.write(r, cells);
      continue;
    }
    const row = sheet.getRow(r);
    cells.forEach((cell, c) => {
      const target = row.getCell(c + 1);
      target.style = cell.style;
      if (cell.value !== null) target.value = cell.value;
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  const parts = await openParts(readFileSync(file));
  return `${await parts.sheetXml(1)}\n${await parts.stylesXml()}`;
}

describe('RowXmlWriter', () => {
  it('writes the XML exceljs writes for strings, numbers, empty cells and styles', async () => {
    const viaExceljs = await writeSheet(false);
    expect(viaExceljs).toContain('<c r="AB2"');
    expect(await writeSheet(true)).toBe(viaExceljs);
  });

  it('refuses a sheet whose header row was not committed', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'x.xlsx'), useStyles: true, useSharedStrings: true });
    expect(() => new RowXmlWriter(workbook.addWorksheet('Blad'), 3)).toThrow(/commit its header row/);
  });
});
