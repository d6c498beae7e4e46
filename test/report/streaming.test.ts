/**
 * The streamed report (original cells read again from the source) has exactly the values of the report built in
 * memory from the whole input table.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings, runAnalysis } from '../../engine/index.ts';
import { readPolicyWorkbook } from '../../engine/ingest/index.ts';
import { buildReportWorkbook, workbookBytes, writeReport } from '../../engine/report/excel.ts';
import { writeEveryKindWorkbook } from '../ingest/every-kind.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample/policies.xlsx');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'report-streaming-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every cell's value and its style, row by row, of each sheet. */
function sheetValues(workbook: ExcelJS.Workbook): Record<string, unknown[][]> {
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.value, cell.type, cell.style]));
      rows[r - 1] = cells;
    });
    sheets[sheet.name] = rows;
  }
  return sheets;
}

async function expectSameReport(file: string, sheet: string): Promise<void> {
  const settings = resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', 'input.sheet': sheet });
  const result = await runAnalysis({ policyFile: file, settings });
  const inMemory = new ExcelJS.Workbook();
  const whole = { ...result, table: await readPolicyWorkbook(file, settings.input) };
  await inMemory.xlsx.load((await workbookBytes(buildReportWorkbook(whole).workbook)) as never);
  // With the rows the first pass kept, and with the original cells read again from the source.
  for (const [name, table] of [['kept', result.table], ['reread', { ...result.table, rows: undefined }]] as const) {
    const streamedFile = path.join(dir, `${path.basename(file)}.${name}.xlsx`);
    await writeReport({ ...result, table }, streamedFile);
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.readFile(streamedFile);
    expect(sheetValues(streamed)).toEqual(sheetValues(inMemory));
  }
}

describe('streamed report equals the in-memory report', () => {
  it('on a workbook with every kind of cell', async () => {
    const file = path.join(dir, 'every-kind.xlsx');
    await writeEveryKindWorkbook(file);
    await expectSameReport(file, 'Polissen');
  });

  it('on a .csv with quoted line breaks, formula-like texts and a line wider than the header', async () => {
    const file = path.join(dir, 'polissen.csv');
    writeFileSync(file, 'Polisnummer;Clausule;Opmerking\r\nP1;"Glas\r\nregel 2";=SUM(A1)\r\nP2;Storm schade is gedekt;-korting;extra\r\n\r\nP3;Storm schade is gedekt;\r\n');
    await expectSameReport(file, '');
  });

  it('on the sample workbook', async () => {
    await expectSameReport(SAMPLE, '');
  }, 120_000);
});
